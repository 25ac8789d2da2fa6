import { describe, expect, it } from 'vitest';
import { onScreen, type ScreenClock } from './on-screen';

/** A page's clock and observers under the test's hand: frames, timers and Element Timing entries are fired by it. */
function fakeClock(elementTiming: boolean) {
  const frames: Array<() => void> = [];
  const timers = new Map<number, { cb: () => void; ms: number }>();
  const observers: Array<{ cb: (l: { getEntries(): Array<{ identifier?: string }> }) => void; on: boolean; buffered: boolean }> = [];
  let id = 0;
  const buffer: Array<{ identifier?: string }> = [];
  class PO {
    private o: (typeof observers)[number];
    static readonly supportedEntryTypes = elementTiming ? ['element', 'paint'] : ['paint'];
    constructor(cb: (typeof observers)[number]['cb']) {
      this.o = { cb, on: false, buffered: false };
      observers.push(this.o);
    }
    observe(o: { type: string; buffered: boolean }) {
      this.o.on = o.type === 'element';
      this.o.buffered = o.buffered;
      // Buffered entries arrive as a browser delivers them: later, in a callback.
      if (o.buffered && buffer.length) queueMicrotask(() => this.o.on && this.o.cb({ getEntries: () => [...buffer] }));
    }
    disconnect() {
      this.o.on = false;
    }
  }
  const clock: ScreenClock = {
    PerformanceObserver: PO,
    requestAnimationFrame: (cb) => frames.push(cb),
    setTimeout: (cb, ms) => (timers.set(++id, { cb, ms }), id),
    clearTimeout: (t) => void timers.delete(t as number),
  };
  return {
    clock,
    presented(identifier: string) {
      buffer.push({ identifier });
      for (const o of observers) if (o.on) o.cb({ getEntries: () => [{ identifier }] });
    },
    frame: () => frames.splice(0).forEach((f) => f()),
    runTimers: (upTo: number) => {
      for (const [k, t] of [...timers]) {
        if (t.ms > upTo) continue;
        timers.delete(k);
        t.cb();
      }
    },
    pendingTimers: () => [...timers.values()].map((t) => t.ms),
    observing: () => observers.filter((o) => o.on).length,
  };
}

describe('onScreen', () => {
  const cases: Array<{ name: string; timing: boolean; act: (c: ReturnType<typeof fakeClock>) => Promise<void> | void; calls: number }> = [
    { name: 'the marked element presented', timing: true, act: (c) => c.presented('book-row'), calls: 1 },
    { name: 'another identifier presented (the last picture)', timing: true, act: (c) => c.presented('book-row-snapshot'), calls: 0 },
    { name: 'the marked element, twice', timing: true, act: (c) => (c.presented('book-row'), c.presented('book-row')), calls: 1 },
    { name: 'nothing presented, the fallback runs out', timing: true, act: (c) => c.runTimers(1_000), calls: 1 },
    { name: 'nothing presented, before the fallback', timing: true, act: (c) => c.runTimers(999), calls: 0 },
    { name: 'presented, then the fallback would run out', timing: true, act: (c) => (c.presented('book-row'), c.runTimers(1_000)), calls: 1 },
    { name: 'no Element Timing: a frame, then a task', timing: false, act: (c) => (c.frame(), c.runTimers(0)), calls: 1 },
    { name: 'no Element Timing: the frame alone is not enough', timing: false, act: (c) => c.frame(), calls: 0 },
  ];
  it.each(cases)('$name → $calls call(s)', async ({ timing, act, calls }) => {
    const c = fakeClock(timing);
    let n = 0;
    onScreen('book-row', () => n++, 1_000, c.clock);
    await act(c);
    expect(n).toBe(calls);
  });

  it('counts a row presented before it was asked (a buffered entry), and stops observing', async () => {
    const c = fakeClock(true);
    c.presented('book-row');
    let n = 0;
    onScreen('book-row', () => n++, 1_000, c.clock);
    await Promise.resolve();
    expect(n).toBe(1);
    expect(c.observing()).toBe(0);
    expect(c.pendingTimers()).toEqual([]);
  });

  it('cancelled (the page left): never calls, observes nothing, leaves no timer', () => {
    const c = fakeClock(true);
    let n = 0;
    const cancel = onScreen('book-row', () => n++, 1_000, c.clock);
    cancel();
    c.presented('book-row');
    c.runTimers(1_000);
    expect(n).toBe(0);
    expect(c.observing()).toBe(0);
    expect(c.pendingTimers()).toEqual([]);
  });
});
