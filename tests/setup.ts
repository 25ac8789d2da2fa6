import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// WxtVitest() adds this stub as a setup file of the root config, which vitest's
// projects do not inherit; so every project gets it here.
vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

beforeEach(() => {
  fakeBrowser.reset();
});
