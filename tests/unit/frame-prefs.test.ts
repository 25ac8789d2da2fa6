import { expect, test } from 'vitest';
import { clampWidth, framePrefs, FRAME_WIDTH, setCollapsed, setWidth, toggleCollapsed } from '../../lib/ui/frame-prefs';

test.each([
  [100, FRAME_WIDTH.min],
  [360, 360],
  [999, FRAME_WIDTH.max],
  [Number.NaN, FRAME_WIDTH.default],
  [412.6, 413],
])('clampWidth(%s) = %s', (input, expected) => {
  expect(clampWidth(input)).toBe(expected);
});

test('collapse, toggle (the keyboard command) and width persist in extension storage', async () => {
  expect(await framePrefs.getValue()).toEqual({ collapsed: false, width: 360 });
  await setCollapsed(true);
  await setWidth(2000);
  expect(await framePrefs.getValue()).toEqual({ collapsed: true, width: FRAME_WIDTH.max });
  await toggleCollapsed();
  expect((await framePrefs.getValue()).collapsed).toBe(false);
});
