// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { copyText } from '../lib/ui/clipboard';
import { nextAction, pack, record } from './fixtures';
import { NextActionCard } from './NextActionCard';
import type { CopyRequest } from './TemplateItem';
import { renderIn } from './test-utils';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const renderCard = (onCopy: (req: CopyRequest) => void = vi.fn(), locale: 'en' | 'ja' = 'en', context = record.merge) =>
  renderIn(<NextActionCard nextAction={nextAction} roles={pack.roles} templates={pack.templates} context={context} onCopy={onCopy} />, locale);

describe('NextActionCard', () => {
  test('the chosen action with why, owner and due date, and the runner-up', () => {
    renderCard();
    expect(screen.getByTestId('action-title').textContent).toBe('Propose a roll-out to the remaining departments');
    expect(screen.getByText('Two departments still send paper.')).toBeTruthy();
    expect(screen.getByText('High')).toBeTruthy();
    const meta = screen.getAllByText('Owner')[0]!.closest('dl')!;
    expect(within(meta).getByText('CSM')).toBeTruthy();
    expect(within(meta).getByText('Mar 20, 2026')).toBeTruthy();
    const runner = screen.getByRole('heading', { name: 'Runner-up' }).parentElement!;
    expect(within(runner).getByText('Invite to the advanced webinar')).toBeTruthy();
    expect(within(runner).getByText('Sales')).toBeTruthy();
  });

  test('missing merge fields are highlighted before copying', () => {
    const { container } = renderCard();
    const email = container.querySelector('[data-template="checkin-email"]')!;
    expect(within(email as HTMLElement).getByTestId('missing-fields').textContent).toContain('[contact last name]');
    const marks = [...email.querySelectorAll('mark.merge-missing')].map((m) => m.textContent);
    expect(marks).toEqual(['[contact last name]']);
    // Filled fields are not marked.
    expect(email.querySelector('.tpl__body')!.textContent).toContain('This is Sato. How is 株式会社サンプル商事 finding the product?');
    const call = container.querySelector('[data-template="call-script"]')!;
    expect(call.querySelector('mark')).toBeNull();
    expect(within(call as HTMLElement).queryByTestId('missing-fields')).toBeNull();
  });

  test('copy hands over the filled text and which fields were missing', async () => {
    const user = userEvent.setup();
    const onCopy = vi.fn();
    renderCard(onCopy);
    await user.click(screen.getByRole('button', { name: 'Copy Check-in email' }));
    expect(onCopy).toHaveBeenCalledWith({
      templateId: 'checkin-email',
      title: 'Check-in email',
      text: 'Dear [contact last name],\n\nThis is Sato. How is 株式会社サンプル商事 finding the product?',
      missing: ['contact.lastName'],
      missingLabels: ['[contact last name]'],
    });
  });

  test('copy reaches the clipboard with the filled text (Japanese)', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderCard((req) => void copyText(req.text), 'ja');
    await user.click(screen.getByRole('button', { name: '定期フォローのメールをコピー' }));
    expect(writeText).toHaveBeenCalledWith('［ご担当者様の姓］ 様\n\nいつもお世話になっております。Satoです。株式会社サンプル商事 様のご利用状況はいかがでしょうか。');
  });

  test('the email subject can be copied on its own', async () => {
    const user = userEvent.setup();
    const onCopy = vi.fn();
    renderCard(onCopy);
    await user.click(screen.getByRole('button', { name: 'Copy subject' }));
    expect(onCopy.mock.calls[0]![0].text).toBe('株式会社サンプル商事: a quick check-in');
  });

  test('no matching action', () => {
    renderIn(<NextActionCard nextAction={null} roles={pack.roles} templates={pack.templates} context={{}} onCopy={vi.fn()} />);
    expect(screen.getByText('No playbook action matches this customer right now.')).toBeTruthy();
  });
});

describe('copyText', () => {
  beforeEach(() => {
    document.execCommand = vi.fn(() => true);
  });

  test('uses the async clipboard when it is allowed', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    await copyText('hello');
    expect(writeText).toHaveBeenCalledWith('hello');
    expect(document.execCommand).not.toHaveBeenCalled();
  });

  test('falls back to a hidden textarea and execCommand when the clipboard is refused', async () => {
    const writeText = vi.fn(async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    let copied = '';
    document.execCommand = vi.fn(() => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? document.querySelector('textarea')?.value ?? '';
      return true;
    });
    await copyText('こんにちは');
    expect(document.execCommand).toHaveBeenCalledWith('copy');
    expect(copied).toBe('こんにちは');
    expect(document.querySelector('textarea')).toBeNull();
  });

  test('reports failure when both routes fail', async () => {
    Object.defineProperty(window.navigator, 'clipboard', { value: undefined, configurable: true });
    document.execCommand = vi.fn(() => false);
    await expect(copyText('x')).rejects.toThrow();
  });
});

describe('the contact the templates greet', () => {
  const contacts = [
    { id: 'c1', firstName: '太郎', lastName: '山田', primary: true, title: '課長' },
    { id: 'c2', firstName: 'Misaki', lastName: 'Suzuki', primary: false },
  ];

  test('the picker lists the CRM contacts, primary marked, and reports the choice', async () => {
    const onChoose = vi.fn();
    renderIn(
      <NextActionCard nextAction={nextAction} roles={pack.roles} templates={pack.templates} context={record.merge} onCopy={vi.fn()} contacts={contacts} contactId="c1" onChooseContact={onChoose} />,
      'en',
    );
    const select = screen.getByTestId('template-contact') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['山田 太郎 (primary) · 課長', 'Misaki Suzuki']);
    await userEvent.selectOptions(select, 'c2');
    expect(onChoose).toHaveBeenCalledWith('c2');
  });

  test("the chosen contact's name fills contact.*, so nothing is marked missing; without contacts the placeholder stays marked", () => {
    const { container } = renderIn(
      <NextActionCard nextAction={nextAction} roles={pack.roles} templates={pack.templates} context={{ ...record.merge, contact: { firstName: 'Misaki', lastName: 'Suzuki' } }} onCopy={vi.fn()} contacts={contacts} contactId="c2" />,
      'en',
    );
    const email = container.querySelector('[data-template="checkin-email"]') as HTMLElement;
    expect(email.querySelector('.tpl__body')!.textContent).toContain('Suzuki');
    expect(email.querySelectorAll('mark.merge-missing')).toHaveLength(0);
    cleanup();
    const none = renderCard();
    expect(none.getByTestId('template-contact-none')).toBeTruthy();
    expect(none.container.querySelectorAll('[data-template="checkin-email"] mark.merge-missing')).toHaveLength(1);
  });
});
