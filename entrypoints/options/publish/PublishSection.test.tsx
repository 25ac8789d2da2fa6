// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { errorText } from '../../../lib/i18n/errors';
import { SidecarError } from '../../../lib/messages/envelope';
import type { PublishSetup, PublishSummary } from '../../../lib/messages/publish';
import { answer, renderOptions, requests } from '../test-helpers';
import { PublishSection } from './PublishSection';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));
afterEach(cleanup);

const connections = { hubspot: { connected: true, portalId: '123' }, salesforce: { connected: false, mode: 'session', noteMode: 'ContentNote' } };
const check: PublishSetup = {
  crm: 'hubspot',
  hiddenKnown: true,
  scope: 'crm.schemas.companies.write',
  summary: { ok: 1, missing: 1, wrongType: 1, noAccess: 1, ready: false },
  rows: [
    { key: 'score', name: 'sidecar_health_score', label: { en: 'Sidecar health score', ja: 'Sidecar ヘルススコア' }, want: 'number', status: 'wrong-type', crmType: 'string' },
    { key: 'band', name: 'sidecar_health_band', label: { en: 'Sidecar health band', ja: 'Sidecar ヘルスバンド' }, want: 'string', status: 'ok', crmType: 'string' },
    { key: 'level', name: 'sidecar_maturity_level', label: { en: 'Sidecar maturity level', ja: 'Sidecar 成熟度レベル' }, want: 'number', status: 'missing' },
    { key: 'packId', name: 'sidecar_pack_id', label: { en: 'Sidecar pack id', ja: 'Sidecar パック ID' }, want: 'string', status: 'read-only', crmType: 'string' },
  ],
};
const job = (over: Partial<PublishSummary>): PublishSummary => ({
  id: 'j1', crm: 'hubspot', kind: 'scores', status: 'running', pack: { id: 'p', version: '1' }, accounts: 10, total: 10, sent: 4, skipped: 0, failed: 0, left: 6, newerPack: 0, batches: 1, nextBatch: 0, requests: 1,
  startedAt: '2026-12-05T10:00:00Z', updatedAt: '2026-12-05T10:00:00Z', ...over,
});

describe('PublishSection', () => {
  test('a CSM sees why there is nothing to do, and no CRM is asked', async () => {
    answer({ 'team.status': () => ({ role: 'csm' }) as never, 'connections.status': () => connections as never });
    renderOptions(<PublishSection />);
    expect(await screen.findByText(/Only CS Ops publishes to the CRM/)).toBeTruthy();
    expect(screen.queryByTestId('publish-card-hubspot')).toBeNull();
    expect(requests('publish.setupCheck')).toEqual([]);
  });

  test('CS Ops: the check names a wrong type (never changed) and a field without access; a missing scope is named', async () => {
    answer({
      'team.status': () => ({ role: 'csops' }) as never,
      'connections.status': () => connections as never,
      'publish.status': () => ({ job: null }),
      'publish.setupCheck': () => check,
      'publish.setupApply': () => {
        throw new SidecarError('forbidden', errorText('publish.setup.hubspot-scope', { scope: 'crm.schemas.companies.write' }, 'en'));
      },
    });
    renderOptions(<PublishSection />);
    const card = await screen.findByTestId('publish-card-hubspot');
    await userEvent.click(within(card).getByRole('button', { name: 'Check the CRM' }));
    const table = await within(card).findByTestId('setup-table');
    expect(within(table).getByText(/The CRM has sidecar_health_score as string; Sidecar writes Number/)).toBeTruthy();
    expect(within(table).getByText(/No access to field sidecar_pack_id/)).toBeTruthy();
    expect(within(table).getAllByText('Missing')).toHaveLength(1);
    await userEvent.click(within(card).getByRole('button', { name: 'Create the missing fields' }));
    expect((await within(card).findByRole('alert')).textContent).toContain('crm.schemas.companies.write');
  });

  test('Salesforce without the permissions: the refusal says so in Japanese, and the metadata package is one click', async () => {
    const sf: PublishSetup = {
      crm: 'salesforce',
      hiddenKnown: true,
      summary: { ok: 0, missing: 1, wrongType: 0, noAccess: 1, ready: false },
      rows: [
        { key: 'score', name: 'Sidecar_Health_Score__c', label: { en: 'Sidecar health score', ja: 'Sidecar ヘルススコア' }, want: 'number', status: 'hidden' },
        { key: 'band', name: 'Sidecar_Health_Band__c', label: { en: 'Sidecar health band', ja: 'Sidecar ヘルスバンド' }, want: 'string', status: 'missing' },
      ],
    };
    answer({
      'team.status': () => ({ role: 'csops' }) as never,
      'connections.status': () => ({ hubspot: { connected: false }, salesforce: { connected: true, mode: 'oauth', noteMode: 'ContentNote' } }) as never,
      'publish.status': () => ({ job: null }),
      'publish.setupCheck': () => sf,
      'publish.setupApply': () => {
        throw new SidecarError('forbidden', errorText('publish.setup.salesforce-no-access', undefined, 'ja'));
      },
      'publish.setupPackage': () => ({ fileName: 'sidecar-salesforce-fields.zip', base64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', fields: ['Sidecar_Health_Band__c'] }),
    });
    renderOptions(<PublishSection />, 'ja');
    const card = await screen.findByTestId('publish-card-salesforce');
    await userEvent.click(within(card).getByRole('button', { name: 'CRM を確認' }));
    expect((await within(card).findByText(/項目 Sidecar_Health_Score__c へのアクセス権がありません/)).textContent).toContain('項目レベルセキュリティ');
    await userEvent.click(within(card).getByRole('button', { name: '不足している項目を作成' }));
    expect((await within(card).findByRole('alert')).textContent).toContain('メタデータパッケージ');
    await userEvent.click(within(card).getByRole('button', { name: 'メタデータパッケージをダウンロード' }));
    await waitFor(() => expect(requests('publish.setupPackage')).toHaveLength(1));
  });

  test('a running job shows what is left; a finished one its counts and the report', async () => {
    let current = job({});
    answer({
      'team.status': () => ({ role: 'csops' }) as never,
      'connections.status': () => connections as never,
      'publish.status': () => ({ job: current }),
    });
    renderOptions(<PublishSection />);
    const run = await screen.findByTestId('publish-run-hubspot');
    expect(run.textContent).toContain('4 of 10 · 6 left');
    current = job({ status: 'done', sent: 8, failed: 2, left: 0, finishedAt: '2026-12-05T10:01:00Z' });
    await waitFor(() => expect(screen.getByTestId('publish-run-hubspot').getAttribute('data-status')).toBe('done'), { timeout: 5_000 });
    expect(screen.getByTestId('publish-sent').textContent).toBe('8');
    expect(screen.getByRole('button', { name: /Download the failure report/ })).toBeTruthy();
  });

  test.each([
    ['en', { by: 'ops@acme.example', recorded: true }, /that ops@acme\.example published it/, null],
    ['ja', { by: 'ops@acme.example', recorded: true }, /ops@acme\.example が何をいつ公開したか/, null],
    ['en', { recorded: false }, null, /This run is not recorded in the CRM: it has no "Sidecar published by" field yet/],
    ['ja', { recorded: false }, null, /この公開は CRM に記録されていません/],
  ] as const)('the audit line, in %s: %j', async (locale, over, recordedLine, warning) => {
    answer({
      'team.status': () => ({ role: 'csops' }) as never,
      'connections.status': () => connections as never,
      'publish.status': () => ({ job: job({ status: 'done', sent: 10, left: 0, finishedAt: '2026-12-05T10:01:00Z', ...over }) }),
    });
    renderOptions(<PublishSection />, locale);
    const run = await screen.findByTestId('publish-run-hubspot', undefined, { timeout: 5_000 });
    if (recordedLine) expect(within(run).getByTestId('publish-recorded').textContent).toMatch(recordedLine);
    else expect(within(run).queryByTestId('publish-recorded')).toBeNull();
    if (warning) expect(run.textContent).toMatch(warning);
  });

  test.each([
    ['en', { crm: 'hubspot', state: 'off', reason: 'no-publisher' }, /Off: your IT policy names no publisher/],
    ['en', { crm: 'hubspot', state: 'off', reason: 'needs-oauth' }, /needs the Salesforce connection by OAuth/],
    ['ja', { crm: 'hubspot', state: 'waiting', nextAt: '2026-12-06T09:00:00.000Z', lastRunAt: '2026-12-05T09:00:00.000Z', lastSuccessAt: '2026-12-05T09:01:00.000Z' }, /このブラウザが毎日チームのために公開します。次回：2026/],
    ['en', { crm: 'hubspot', state: 'due', lastRunAt: '2026-12-04T09:00:00.000Z', lastError: 'HubSpot answered 401' }, /The run of .* failed: HubSpot answered 401/],
  ] as const)('the daily run, in %s: %j', async (locale, schedule, shows) => {
    answer({
      'team.status': () => ({ role: 'csops' }) as never,
      'connections.status': () => connections as never,
      'publish.status': () => ({ job: null, schedule: [schedule as never] }),
    });
    renderOptions(<PublishSection />, locale);
    const line = await screen.findByTestId('publish-schedule');
    expect(line.textContent).toMatch(shows);
  });
});
