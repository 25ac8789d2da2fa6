// English text of the structured editor's shell, signals and scorecards (lib/editor, entrypoints/options/editor).
// Spread into optionsEn, so OptionsKey covers it; editor-ja.ts must give every key.
export const editorEn = {
} satisfies Record<string, string>;
