import type { EditorSection } from '../types';

// The editor's sections in tab order. Each section lives in its own file beside
// this one and adds one entry here.
export const EDITOR_SECTIONS: readonly EditorSection[] = [];
