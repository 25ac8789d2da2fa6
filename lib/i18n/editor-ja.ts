import type { editorEn } from './editor-en';

// 構造化エディターの日本語表示。キーは editor-en.ts と同じものをすべて持つこと（型で確認）。
export const editorJa: Record<keyof typeof editorEn, string> = {
};
