import type { EditorSection } from '../types';
import { BandsSection } from './bands';
import { MaturitySection } from './maturity';
import { PlaybookSection } from './playbook';
import { ScorecardsSection } from './scorecards';
import { SegmentsSection } from './segments';
import { SignalsSection } from './signals';
import { StagesSection } from './stages';
import { TemplatesSection } from './templates';
import { TouchSection } from './touch';

// The editor's sections in tab order. Each section lives in its own file beside
// this one and adds one entry here.
export const EDITOR_SECTIONS: readonly EditorSection[] = [
  { id: 'signals', label: 'editor.tab.signals', paths: ['signals'], Component: SignalsSection },
  { id: 'scorecards', label: 'editor.tab.scorecards', paths: ['scorecards'], Component: ScorecardsSection },
  { id: 'bands', label: 'sec.tab.bands', paths: ['bands'], Component: BandsSection },
  { id: 'segments', label: 'sec.tab.segments', paths: ['segments'], Component: SegmentsSection },
  { id: 'maturity', label: 'sec.tab.maturity', paths: ['maturity'], Component: MaturitySection },
  { id: 'touch', label: 'sec.tab.touch', paths: ['touch'], Component: TouchSection },
  { id: 'stages', label: 'sec.tab.stages', paths: ['lifecycle', 'roles'], Component: StagesSection },
  { id: 'playbook', label: 'sec.tab.playbook', paths: ['playbook'], Component: PlaybookSection },
  { id: 'templates', label: 'sec.tab.templates', paths: ['templates'], Component: TemplatesSection },
];
