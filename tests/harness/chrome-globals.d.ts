// The extension API as seen by code that Playwright evaluates inside an extension page.
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};
