import type { RecordRef } from '../crm/detect';
import type { ConfigPack } from '../engine/types.ts';

/**
 * What the record views need from the CRM connections. The data layer
 * implements it; the sidebar's handlers only see this.
 */
export interface CrmSync {
  /** Whether this record's CRM can be read now (a token, or a signed-in Salesforce session). */
  isConnected(ref: RecordRef): Promise<boolean>;
  /** A contact or deal page → the company to show; null when it cannot be told (not connected, no company). */
  resolveAccount(ref: RecordRef): Promise<RecordRef | null>;
  /**
   * Fetch the account and the signals the pack names, and store them. Throws a
   * SidecarError (auth, forbidden, rate-limit, not-found, network…) on failure;
   * what was cached stays.
   */
  refresh(ref: RecordRef, accountKey: string, pack: ConfigPack): Promise<{ warning?: string }>;
}

export const offlineCrmSync: CrmSync = {
  isConnected: async () => false,
  resolveAccount: async () => null,
  refresh: async () => ({}),
};
