import type { SignalDef, SignalValue } from '../engine/types.ts';

// CRM properties arrive as strings (HubSpot) or JSON scalars (Salesforce).
// Read them as the pack says the signal is typed; what cannot be read is "no value", never 0.

export function readCrmValue(type: SignalDef['type'], raw: unknown): SignalValue {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (type) {
    case 'number':
    case 'rating': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/,/g, '').trim());
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      return s === 'true' || s === '1' || s === 'yes' ? true : s === 'false' || s === '0' || s === 'no' ? false : null;
    }
    case 'date': {
      const s = String(raw).trim();
      // HubSpot date properties may be epoch milliseconds.
      const t = /^\d{10,14}$/.test(s) ? Number(s) : Date.parse(s);
      return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null;
    }
  }
}
