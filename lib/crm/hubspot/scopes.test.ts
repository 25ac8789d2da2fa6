import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SERVICE_KEY_SCOPES } from '../../../tests/mocks/hubspot-server.ts';
import { HUBSPOT_API_VERSION } from './api-version.ts';
import { HUBSPOT_SCOPES } from './scopes.ts';

describe('the scopes Sidecar asks for', () => {
  test('the README lists each scope, with what it is needed for', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const lines = readme.split('\n');
    const head = lines.findIndex((l) => /^\s*\| scope \| needed \|/.test(l));
    expect(head).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > head + 1 && !l.trim().startsWith('|'));
    const rows = lines.slice(head + 2, end);
    expect(rows.map((r) => /`([a-z.]+)`/.exec(r)![1])).toEqual(HUBSPOT_SCOPES.map((s) => s.scope));
    for (const s of HUBSPOT_SCOPES) {
      const row = rows.find((r) => r.includes(`\`${s.scope}\``))!;
      expect(row).toContain({ required: '| required |', notes: '| to save notes |', optional: '| optional |' }[s.need]);
    }
  });

  test('the key the tests connect with as a Service Key holds exactly the required and note scopes', () => {
    expect([...SERVICE_KEY_SCOPES].sort()).toEqual(HUBSPOT_SCOPES.filter((s) => s.need !== 'optional').map((s) => s.scope).sort());
  });

  test('every call listed is on the date-based version', () => {
    for (const call of HUBSPOT_SCOPES.flatMap((s) => s.calls)) {
      expect(call).toContain(`/${HUBSPOT_API_VERSION}`);
      expect(call).not.toMatch(/\/v[1-4]\//);
    }
  });
});
