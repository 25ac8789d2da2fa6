// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { emptySkeleton } from '../../../../lib/editor/skeleton';
import { EDITOR_SECTIONS } from './index';
import { renderSection } from './section-test-helpers';

afterEach(cleanup);

// Every section of this file's owner opens on the empty skeleton (a new map) in both languages without an error, and
// its first "add" button gives a draft the section can show again.
const MINE = ['bands', 'segments', 'maturity', 'touch', 'stages', 'playbook', 'templates'];

describe.each(['ja', 'en'] as const)('on the empty skeleton (%s)', (locale) => {
  test.each(MINE)('%s', (id) => {
    const section = EDITOR_SECTIONS.find((s) => s.id === id)!;
    expect(section).toBeTruthy();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { change } = renderSection(section.Component, { draft: emptySkeleton(locale), locale });
    expect(screen.getByTestId(`section-${id}`)).toBeTruthy();
    const add = screen.getAllByRole('button').find((b) => /^(Add|.*を追加$)/.test(b.textContent ?? '') && !(b as HTMLButtonElement).disabled);
    expect(add).toBeDefined();
    fireEvent.click(add!);
    expect(change).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId(`section-${id}`)).toBeTruthy();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
