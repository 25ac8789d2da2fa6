import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { describeStorageError, storagePressure, withStorageErrors } from './storage-errors';

describe('storage errors', () => {
  const abortWithQuota = Object.assign(new Dexie.AbortError('Transaction aborted'), { inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
  test.each<[string, unknown, string | null]>([
    ['Dexie QuotaExceededError', new Dexie.QuotaExceededError('QuotaExceededError'), 'storage-full'],
    ['AbortError wrapping a quota DOMException', abortWithQuota, 'storage-full'],
    ['a bare DOMException', new DOMException('Quota exceeded', 'QuotaExceededError'), 'storage-full'],
    ['database closed', new Dexie.DatabaseClosedError('closed'), 'storage'],
    ['not about storage', new Error('boom'), null],
    ['not an error', 'boom', null],
  ])('%s → %s', (_name, err, code) => {
    const e = describeStorageError(err, 'en');
    expect(e?.code ?? null).toBe(code);
    if (code === 'storage-full') {
      expect(e?.message).toMatch(/storage .*is full/);
      expect(describeStorageError(err, 'ja')?.message).toMatch(/いっぱい/);
    }
  });

  test.each([
    [{ usage: 95, quota: 100 }, /95% full/],
    [{ usage: 10, quota: 100 }, null],
    [{}, null],
  ])('storage pressure %j', (estimate, expected) => {
    const m = storagePressure(estimate, 'en');
    if (expected) expect(m).toMatch(expected);
    else expect(m).toBeNull();
  });
});

describe('handlers guarded against storage errors', () => {
  test('a quota error from any handler becomes storage-full; other errors pass through', async () => {
    const boom = new Error('boom');
    const guarded = withStorageErrors(
      {
        save: async (_x: number) => {
          throw new Dexie.QuotaExceededError('full');
        },
        other: async () => {
          throw boom;
        },
        fine: async (x: number) => x + 1,
      },
      () => 'en',
    );
    await expect(guarded.save(1)).rejects.toMatchObject({ name: 'SidecarError', code: 'storage-full' });
    await expect(guarded.other()).rejects.toBe(boom);
    await expect(guarded.fine(1)).resolves.toBe(2);
  });
});
