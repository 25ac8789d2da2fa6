import type { CompiledCondition, Value } from './conditions.ts';
import type { CompiledSignal } from './compile.ts';
import type { LocalText } from './types.ts';

// Plain-word renderings of values for explanations, e.g. "NPS 9 (promoter)" / "NPS 9（推奨者）".

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function valueText(s: CompiledSignal, v: Value): LocalText {
  if (v === null) return { ja: '未入力', en: 'no data' };
  if (typeof v === 'boolean') return v ? { ja: 'はい', en: 'yes' } : { ja: 'いいえ', en: 'no' };
  if (s.type === 'rating') {
    const p = s.points[Math.round(v) - 1];
    return p ? { ja: `${num(v)}/5（${p.ja}）`, en: `${num(v)}/5 (${p.en})` } : { ja: `${num(v)}/5`, en: `${num(v)}/5` };
  }
  let ja = num(v);
  let en = ja;
  if (s.unit) {
    ja += s.unit.ja;
    // "55%" but "12 days".
    en += /^[%％]/.test(s.unit.en) ? s.unit.en : ` ${s.unit.en}`;
  }
  for (const q of s.qualifiers) {
    if (v >= q.min && v <= q.max) {
      ja += `（${q.label.ja}）`;
      en += ` (${q.label.en})`;
      break;
    }
  }
  return { ja, en };
}

export function signalValueText(s: CompiledSignal, v: Value): LocalText {
  const vt = valueText(s, v);
  return { ja: `${s.label.ja} ${vt.ja}`, en: `${s.label.en} ${vt.en}` };
}

const OP_TEXT: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

export function conditionText(s: CompiledSignal, c: CompiledCondition, current: Value): LocalText {
  const now = valueText(s, current);
  if (c.op === 'present') return { ja: `${s.label.ja}が入力済み`, en: `${s.label.en} is recorded` };
  if (c.op === 'missing') return { ja: `${s.label.ja}が未入力`, en: `${s.label.en} is not recorded` };
  const target = typeof c.value === 'boolean' ? (c.value ? 'true' : 'false') : num(c.value ?? 0);
  const op = OP_TEXT[c.op] ?? c.op;
  return {
    ja: `${s.label.ja} ${op} ${target}（現在: ${now.ja}）`,
    en: `${s.label.en} ${op} ${target} (now: ${now.en})`,
  };
}

export function withCurrent(label: LocalText, s: CompiledSignal, current: Value): LocalText {
  const now = valueText(s, current);
  return { ja: `${label.ja}（現在: ${now.ja}）`, en: `${label.en} (now: ${now.en})` };
}
