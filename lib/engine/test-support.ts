// Shared by the engine's tests only.
import type { AccountInput } from './types.ts';

export const NOW = new Date('2025-06-01T00:00:00Z');
const DAY = 86_400_000;

export const iso = (offsetDays: number) => new Date(NOW.getTime() + offsetDays * DAY).toISOString();

export function account(values: Record<string, number | boolean | string | null>, observedDaysAgo = 1): AccountInput {
  const signals: AccountInput['signals'] = {};
  for (const [k, v] of Object.entries(values)) signals[k] = { value: v, observedAt: iso(-observedDaysAgo) };
  return { signals };
}

/** A healthy, mid-sized Japanese account in adoption at Lv.2. */
export const HEALTHY = {
  arr: 5_000_000,
  emails_sent_30d: 120,
  emails_received_30d: 60,
  active_user_rate: 75,
  open_tickets: 1,
  help_page_views_30d: 30,
  nps: 9,
  last_login_at: iso(-2),
  renewal_date: iso(200),
  contract_start_date: iso(-400),
  departments_using: 3,
  department_coverage_pct: 60,
  form_types_used: 4,
  partners_digital_pct: 30,
  paper_mail_sent_30d: 5,
  paper_mail_received_30d: 10,
  promotion: 4,
  relationship: 4,
  sentiment: 4,
};
