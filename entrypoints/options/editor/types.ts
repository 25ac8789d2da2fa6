import type { ComponentType } from 'react';
import type { ConfigPack, Locale, ParseError } from '../../../lib/engine/types';
import type { OptionsKey } from '../../../lib/i18n/options-en';

// The contract between the structured editor's shell and its sections. A section
// is presentational: it reads the draft, proposes a whole new draft for each edit
// (one undoable step), and shows the draft's problems beside the fields they name.

export interface SectionProps {
  /** The draft as the editor holds it: the pack's shape, though its values may not pass the checks yet. */
  draft: ConfigPack;
  /** One undoable step. `what` names it for the undo button's title, in the UI language ("weight of NPS"). */
  change: (next: ConfigPack, what: string) => void;
  /** Every problem of the whole draft as parseConfigPack reports it (paths like `signals[2].label.ja`); see lib/editor/issues.ts. */
  issues: readonly ParseError[];
  /** The UI language (the draft's texts are edited in both). */
  locale: Locale;
}

export interface EditorSection {
  /** Stable id: the tab's id, the e2e's handle, the draft's remembered tab. */
  id: string;
  /** The tab's name in the catalogue. */
  label: OptionsKey;
  /** The path prefixes this section edits: the tab shows a count of problems under them. */
  paths: readonly string[];
  Component: ComponentType<SectionProps>;
}
