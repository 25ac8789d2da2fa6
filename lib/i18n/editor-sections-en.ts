// English text of the structured editor's other sections (bands, segments, maturity, touch, stages and roles, playbook, templates).
// Spread into optionsEn, so OptionsKey covers it; editor-sections-ja.ts must give every key.
export const editorSectionsEn = {
} satisfies Record<string, string>;
