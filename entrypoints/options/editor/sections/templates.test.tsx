// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { defaultConfigPack } from '../../../../lib/engine/default-pack/index';
import type { ConfigPack } from '../../../../lib/engine/types';
import { description, renderSection } from './section-test-helpers';
import { TemplatesSection } from './templates';

afterEach(cleanup);

function one(): ConfigPack {
  const pack = defaultConfigPack('en');
  pack.templates = [{ id: 'hello', kind: 'email', title: { ja: 'ご挨拶', en: 'Hello' }, subject: { ja: '件名', en: 'Subject' }, body: { ja: '様', en: 'Hi ,' } }];
  pack.playbook = pack.playbook.map((r) => ({ ...r, action: { ...r.action, templateIds: [] } }));
  return pack;
}

test('a merge field from the palette goes where the cursor is, and the preview fills it in both languages', () => {
  const { last, change } = renderSection(TemplatesSection, { draft: one() });
  const ja = screen.getByLabelText('Text (Japanese)') as HTMLTextAreaElement;
  fireEvent.focus(ja);
  ja.setSelectionRange(0, 0);
  fireEvent.click(screen.getByRole('button', { name: 'Insert contact last name' }));
  expect(last().templates[0]!.body.ja).toBe('{{contact.lastName}}様');
  expect(change.mock.calls[0]![1]).toBe('{{contact.lastName}} inserted into Hello');
  const en = screen.getByLabelText('Text (English)') as HTMLTextAreaElement;
  fireEvent.focus(en);
  en.setSelectionRange(3, 3);
  fireEvent.click(screen.getByRole('button', { name: 'Insert contact first name' }));
  expect(last().templates[0]!.body.en).toBe('Hi {{contact.firstName}},');
  expect(screen.getByTestId('preview-ja').textContent).toContain('山田様');
  expect(screen.getByTestId('preview-en').textContent).toContain('Hi Anna,');
});

test('an unknown merge field is flagged beside its text as the pack check words it, and in the preview', () => {
  renderSection(TemplatesSection, { draft: one() });
  const en = screen.getByLabelText('Text (English)');
  fireEvent.change(en, { target: { value: 'Hi {{contact.nickname}}' } });
  expect(en.getAttribute('aria-invalid')).toBe('true');
  expect(description(en)).toMatch(/Unknown merge field "\{\{contact\.nickname\}\}"/);
  const preview = screen.getByTestId('preview-en');
  expect(preview.textContent).toContain('Hi [contact.nickname]');
  expect(within(preview).getByText(/Unknown merge field\(s\) \{\{contact\.nickname\}\}/)).toBeTruthy();
  // The Japanese text is untouched and not flagged.
  expect(screen.getByLabelText('Text (Japanese)').getAttribute('aria-invalid')).toBeNull();
});

test('an email needs a subject: emptied in both languages, the check names it', () => {
  const { last } = renderSection(TemplatesSection, { draft: one() });
  fireEvent.change(screen.getByLabelText('Subject (Japanese)'), { target: { value: '' } });
  fireEvent.change(screen.getByLabelText('Subject (English)'), { target: { value: '' } });
  expect(last().templates[0]).not.toHaveProperty('subject');
  expect(screen.getByText(/subject/i, { selector: '.field__error' })).toBeTruthy();
});

test('the Japanese UI labels the palette in Japanese', () => {
  renderSection(TemplatesSection, { locale: 'ja', draft: one() });
  expect(screen.getByRole('button', { name: '会社名を挿入' })).toBeTruthy();
  expect(screen.getByLabelText('本文（日本語）')).toBeTruthy();
});
