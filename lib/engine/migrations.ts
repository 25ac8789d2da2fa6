import { z } from 'zod';
import type { Locale } from './types.ts';

// Numbered migrations: MIGRATIONS[n] turns a valid schemaVersion n pack into schemaVersion n + 1.
// Each older version keeps its own schema, so a bad old pack is reported in its own terms before it is migrated.

const Id = z.string().min(1);
const Op = z.enum(['>=', '>', '<=', '<', '==', '!=', 'present', 'missing']);
const V1Condition = z.object({ signal: Id, op: Op, value: z.union([z.number(), z.boolean()]).optional() });

/** Schema version 1: one locale, one scorecard, red/green thresholds per measure, touch by ARR. */
export const PackV1Schema = z.object({
  schemaVersion: z.literal(1),
  id: Id,
  name: z.string().min(1),
  version: z.string().min(1),
  locale: z.enum(['ja', 'en']),
  signals: z.array(
    z.object({
      id: Id,
      type: z.enum(['number', 'rating', 'boolean', 'date']),
      higherIsBetter: z.boolean(),
      label: z.string().min(1),
      unit: z.string().optional(),
      source: z.record(z.string(), z.unknown()),
      staleAfterDays: z.number().int().positive().optional(),
      ratingLabels: z.array(z.string()).length(5).optional(),
    }),
  ),
  bands: z.object({ red: z.number(), green: z.number() }),
  scorecard: z.object({
    minCoverage: z.number().min(0).max(1),
    measures: z.array(
      z.object({ signal: Id, weight: z.number().min(0), red: z.number(), green: z.number(), critical: z.boolean().optional() }),
    ),
  }),
  levels: z.array(z.object({ name: z.string().min(1), criteria: z.array(V1Condition) })),
  arrSignal: Id,
  touchByArr: z.array(z.object({ minArr: z.number(), touch: z.enum(['high', 'low', 'tech', 'community']) })),
  defaultTouch: z.enum(['high', 'low', 'tech', 'community']),
  renewalSignal: Id,
  renewalWindowDays: z.number().int().min(0),
  playbook: z.array(
    z.object({
      id: Id,
      stage: Id.optional(),
      band: Id.optional(),
      minLevel: z.number().int().min(0).optional(),
      title: z.string().min(1),
      why: z.string().min(1),
      owner: Id,
      dueInDays: z.number().int().min(0),
      priority: z.enum(['urgent', 'high', 'normal', 'low']),
      templates: z.array(Id),
    }),
  ),
  templates: z.array(
    z.object({ id: Id, kind: z.enum(['email', 'call', 'chat']), title: z.string(), subject: z.string().optional(), body: z.string() }),
  ),
});
export type PackV1 = z.output<typeof PackV1Schema>;

const loc = (locale: Locale, text: string) => ({ [locale]: text });
const both = (ja: string, en: string) => ({ ja, en });

const V1_TOUCH = {
  high: both('ハイタッチ', 'High touch'),
  low: both('ロータッチ', 'Low touch'),
  tech: both('テックタッチ', 'Tech touch'),
  community: both('コミュニティタッチ', 'Community touch'),
};

/** v1 → v2: text becomes per-locale, the one scorecard becomes a list keyed by segment, thresholds become ranges. */
export function migrateV1toV2(v1: PackV1): Record<string, unknown> {
  const L = v1.locale;
  const signalById = new Map(v1.signals.map((s) => [s.id, s]));
  const touchSegments = v1.touchByArr
    .slice()
    .sort((a, b) => b.minArr - a.minArr)
    .map((t, i) => ({ id: `arr${i + 1}`, touch: t.touch, minArr: t.minArr }));
  const segments = [
    ...touchSegments.map((t) => ({
      id: t.id,
      label: loc(L, `ARR ≥ ${t.minArr}`),
      when: [{ signal: v1.arrSignal, op: '>=', value: t.minArr }],
    })),
    { id: 'other', label: both('その他', 'Other'), when: [] },
  ];
  const usedTouch = new Set<keyof typeof V1_TOUCH>([v1.defaultTouch, ...v1.touchByArr.map((t) => t.touch)]);
  return {
    schemaVersion: 2,
    id: v1.id,
    name: v1.name,
    version: v1.version,
    locales: { default: L, available: [L] },
    bands: [
      { id: 'red', label: both('赤', 'Red'), min: 0 },
      { id: 'yellow', label: both('黄', 'Yellow'), min: v1.bands.red },
      { id: 'green', label: both('緑', 'Green'), min: v1.bands.green },
    ],
    roles: [
      { id: 'sales', label: both('営業', 'Sales') },
      { id: 'implementation', label: both('導入コンサルタント', 'Implementation consultant') },
      { id: 'csm', label: both('CSM', 'CSM') },
      { id: 'support', label: both('サポート', 'Support') },
    ],
    signals: v1.signals.map((s) => ({
      id: s.id,
      type: s.type,
      higherIsBetter: s.higherIsBetter,
      source: s.source,
      label: loc(L, s.label),
      ...(s.unit ? { unit: loc(L, s.unit) } : {}),
      ...(s.staleAfterDays ? { freshnessDays: s.staleAfterDays } : {}),
      ...(s.ratingLabels ? { points: s.ratingLabels.map((label, i) => ({ value: i + 1, label: loc(L, label) })) } : {}),
    })),
    segments,
    scorecards: [
      {
        id: 'default',
        label: both('標準', 'Default'),
        segments: segments.map((s) => s.id),
        minCoverage: v1.scorecard.minCoverage,
        // v1 scored 0 at or beyond "red", 100 at or beyond "green", linearly between.
        measures: v1.scorecard.measures.map((m) => {
          const higher = signalById.get(m.signal)?.higherIsBetter ?? m.green >= m.red;
          const points = higher
            ? [{ value: m.red, score: 0 }, { value: m.green, score: 100 }]
            : [{ value: m.green, score: 100 }, { value: m.red, score: 0 }];
          return {
            signal: m.signal,
            weight: m.weight,
            ...(m.critical ? { critical: true } : {}),
            scoring: { kind: 'ranges', points },
          };
        }),
        rules: v1.scorecard.measures.some((m) => m.critical)
          ? [
              {
                id: 'critical-red',
                when: { band: 'red', criticalOnly: true, count: 1 },
                then: { capBand: 'red' },
                reason: both('重要指標が赤のため全体を赤とします', 'A critical measure is red, so the account is red'),
              },
            ]
          : [],
      },
    ],
    maturity: {
      levels: v1.levels.map((lv, i) => ({
        level: i + 1,
        id: `lv${i + 1}`,
        label: loc(L, lv.name),
        criteria: lv.criteria.map((c, j) => ({ id: `c${j + 1}`, label: loc(L, `${c.signal} ${c.op} ${c.value ?? ''}`.trim()), condition: c })),
      })),
    },
    touch: {
      models: [...usedTouch].map((id) => ({ id, label: V1_TOUCH[id] })),
      assign: touchSegments.map((t) => ({ segments: [t.id], touchModel: t.touch })),
      default: v1.defaultTouch,
    },
    lifecycle: {
      stages: [
        { id: 'onboarding', label: both('オンボーディング', 'Onboarding'), owner: 'sales' },
        { id: 'implementation', label: both('導入支援', 'Implementation'), owner: 'implementation' },
        { id: 'adoption', label: both('活用促進', 'Adoption'), owner: 'csm' },
        { id: 'renewal', label: both('更新', 'Renewal'), owner: 'csm' },
        { id: 'expansion', label: both('拡張', 'Expansion'), owner: 'sales' },
      ],
      renewal: { signal: v1.renewalSignal, windowDays: v1.renewalWindowDays, stage: 'renewal' },
      rules: [],
      default: 'adoption',
    },
    playbook: v1.playbook.map((p) => ({
      id: p.id,
      when: {
        ...(p.stage ? { stages: [p.stage] } : {}),
        ...(p.band ? { bands: [p.band] } : {}),
        ...(p.minLevel !== undefined ? { maturity: { min: p.minLevel } } : {}),
      },
      action: {
        title: loc(L, p.title),
        why: loc(L, p.why),
        ownerRole: p.owner,
        dueInDays: p.dueInDays,
        priority: p.priority,
        templateIds: p.templates,
      },
    })),
    templates: v1.templates.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: loc(L, t.title),
      ...(t.subject !== undefined ? { subject: loc(L, t.subject) } : {}),
      body: loc(L, t.body),
    })),
  };
}

export interface Migration {
  from: number;
  schema: z.ZodType;
  migrate: (pack: never) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [{ from: 1, schema: PackV1Schema, migrate: migrateV1toV2 }];
