import type { HealthDayRow, SidecarDb } from './schema';

/** Kept per account; older days are pruned as new ones arrive, so the table stays bounded. */
export const HEALTH_DAYS_KEPT = 400;

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function daysBefore(d: Date, days: number): string {
  return dayOf(new Date(d.getTime() - days * 86_400_000));
}

/** One snapshot per account per day: today's is overwritten until the day ends. */
export async function recordHealthDay(db: SidecarDb, row: HealthDayRow, now: Date): Promise<void> {
  await db.transaction('rw', db.healthDays, async () => {
    await db.healthDays.put(row);
    await db.healthDays
      .where('[accountKey+day]')
      .between([row.accountKey, ''], [row.accountKey, daysBefore(now, HEALTH_DAYS_KEPT)], true, false)
      .delete();
  });
}

export function healthTrend(db: SidecarDb, accountKey: string, now: Date, days = 90): Promise<HealthDayRow[]> {
  return db.healthDays
    .where('[accountKey+day]')
    .between([accountKey, daysBefore(now, days - 1)], [accountKey, dayOf(now)], true, true)
    .toArray();
}
