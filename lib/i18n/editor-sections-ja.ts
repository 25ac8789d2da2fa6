import type { editorSectionsEn } from './editor-sections-en';

// 構造化エディターの日本語表示。キーは editor-sections-en.ts と同じものをすべて持つこと（型で確認）。
export const editorSectionsJa: Record<keyof typeof editorSectionsEn, string> = {
};
