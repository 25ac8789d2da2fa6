import { useMemo, useState, type ComponentType } from 'react';
import { vi } from 'vitest';
import { draftProblems } from '../../../../lib/editor/model';
import { defaultConfigPack } from '../../../../lib/engine/default-pack/index';
import type { ConfigPack, Locale } from '../../../../lib/engine/types';
import { renderOptions } from '../../test-helpers';
import type { SectionProps } from '../types';

// The sections' component tests: a section rendered as the editor's shell holds it (the draft in state, its
// problems from the pack check after every change), with a spy on each proposed step.

function Host({ Component, initial, locale, onChange }: { Component: ComponentType<SectionProps>; initial: ConfigPack; locale: Locale; onChange: (next: ConfigPack, what: string) => void }) {
  const [draft, setDraft] = useState(initial);
  const issues = useMemo(() => draftProblems(draft), [draft]);
  return (
    <Component
      draft={draft}
      issues={issues}
      locale={locale}
      change={(next, what) => {
        onChange(next, what);
        setDraft(next);
      }}
    />
  );
}

export function renderSection(Component: ComponentType<SectionProps>, opts: { draft?: ConfigPack; locale?: Locale } = {}) {
  const locale = opts.locale ?? 'en';
  const initial = opts.draft ?? defaultConfigPack(locale);
  const change = vi.fn<(next: ConfigPack, what: string) => void>();
  const result = renderOptions(<Host Component={Component} initial={initial} locale={locale} onChange={change} />, locale);
  /** The draft after the last step (the initial one before any). */
  const last = (): ConfigPack => change.mock.calls.at(-1)?.[0] ?? initial;
  return { ...result, change, last, initial };
}

/** The text an element's aria-describedby points at (hints and problems), joined. */
export function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}
