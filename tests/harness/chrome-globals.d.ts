// The extension API as seen by code that Playwright evaluates inside an extension page or the service worker.
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { session: { get(keys: string | null): Promise<Record<string, unknown>> }; managed: { get(): Promise<Record<string, unknown>> } };
  alarms: { getAll(): Promise<Array<{ name: string; scheduledTime: number; periodInMinutes?: number }>> };
};
