import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import { mergeContextFor } from './helpers.ts';
import { MERGE_FIELDS } from './merge-fields.ts';
import { renderTemplate, templatesFor } from './templates.ts';
import { account, HEALTHY, NOW } from './test-support.ts';

const T = (body: string) => ({ id: 't', kind: 'chat' as const, title: 't', body });

describe('renderTemplate', () => {
  test.each([
    ['fills fields', '{{company.name}} {{ contact.lastName }}様', { company: { name: '株式会社サンプル' }, contact: { lastName: '山田' } }, 'ja', '株式会社サンプル 山田様', []],
    ['missing field, ja', '{{company.name}}御中', {}, 'ja', '［会社名］御中', ['company.name']],
    ['missing field, en', 'Hi {{contact.firstName}}', { contact: {} }, 'en', 'Hi [contact first name]', ['contact.firstName']],
    ['empty string counts as missing', '{{csm.name}}', { csm: { name: '' } }, 'en', '[CSM name]', ['csm.name']],
    ['listed once', '{{csm.name}}/{{csm.name}}', {}, 'en', '[CSM name]/[CSM name]', ['csm.name']],
    ['numbers', 'score {{health.score}}', { health: { score: 72.25 } }, 'en', 'score 72.3', []],
    ['a value is not read as a merge field', '{{company.name}}', { company: { name: '{{csm.name}}' } }, 'en', '{{csm.name}}', []],
    ['a value is not read as HTML', '{{company.name}}', { company: { name: '<b>A&B</b>' } }, 'en', '<b>A&B</b>', []],
    ['no prototype lookups', '{{company.constructor}}', { company: {} }, 'en', '[company.constructor]', ['company.constructor']],
    ['objects are not values', '{{company}}', { company: { name: 'x' } }, 'en', '[company]', ['company']],
  ] as const)('%s', (_n, body, ctx, locale, text, missing) => {
    const r = renderTemplate(T(body), ctx, locale);
    expect(r.text).toBe(text);
    expect(r.missing).toEqual(missing);
    expect(r.text).not.toContain('undefined');
  });

  test('email templates render their subject too', () => {
    const pack = defaultConfigPack('ja');
    const t = pack.templates.find((x) => x.id === 'renewal-notice-email')!;
    const r = renderTemplate(t, { renewal: { date: '2025年9月1日' } }, 'ja');
    expect(r.subject).toBe('【［製品名］】ご契約更新のご案内（2025年9月1日）');
    expect(r.missing).toContain('product.name');
  });
});

describe.each(['ja', 'en'] as const)('default templates (%s)', (locale) => {
  const pack = defaultConfigPack(locale);
  const list = templatesFor(pack, locale);

  test('at least 10, with every kind', () => {
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(new Set(list.map((t) => t.kind))).toEqual(new Set(['email', 'call', 'chat']));
  });

  test('with a full context nothing is missing', () => {
    const ev = evaluateAccount(pack, account(HEALTHY), NOW);
    const ctx = mergeContextFor(pack, ev, locale, {
      company: { name: 'Acme' }, contact: { lastName: '山田', firstName: 'Taro' }, csm: { name: '佐藤', email: 'sato@example.com', company: 'Sidecar' },
      product: { name: 'Sidecar' }, renewal: { date: '2025-12-01', daysLeft: 183 }, event: { name: 'Webinar', date: '2025-07-01', url: 'https://example.com/e' },
      link: { booking: 'https://example.com/b', survey: 'https://example.com/s', help: 'https://example.com/h' },
      handover: { fromName: '佐藤', toName: '田中', toEmail: 'tanaka@example.com' },
    });
    for (const t of list) expect(renderTemplate(t, ctx, locale).missing, t.id).toEqual([]);
  });

  test('each field placeholder is labelled', () => {
    for (const f of Object.values(MERGE_FIELDS)) expect(f[locale].length).toBeGreaterThan(0);
  });
});

describe('Japanese templates use business 敬語', () => {
  const list = templatesFor(defaultConfigPack('ja'), 'ja');
  test.each(list.filter((t) => t.kind === 'email').map((t) => [t.id, t.body] as const))('%s opens and closes politely', (_id, body) => {
    expect(body).toContain('いつも大変お世話になっております。');
    expect(body).toContain('よろしくお願い申し上げます');
    expect(body).not.toMatch(/だ。|である。/);
  });
  test('some ask with 恐れ入りますが', () => expect(list.some((t) => t.body.includes('ご多忙のところ恐れ入りますが'))).toBe(true));
});
