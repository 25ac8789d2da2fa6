// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CollapsedTab } from './CollapsedTab';
import { ResizeHandle, RESIZE_STEP } from './ResizeHandle';
import { renderIn } from './test-utils';
import { Toast } from './Toast';
import { TopBar } from './TopBar';

afterEach(cleanup);

describe('CollapsedTab', () => {
  test('shows the band colour and score, and expands on click', async () => {
    const user = userEvent.setup();
    const onExpand = vi.fn();
    renderIn(<CollapsedTab onExpand={onExpand} score={72.4} tone="good" bandLabel="Healthy" />);
    const tab = screen.getByRole('button', { name: 'Open Sidecar · 72 · Healthy' });
    expect(tab.className).toContain('band--good');
    expect(tab.textContent).toBe('72Sidecar');
    await user.click(tab);
    expect(onExpand).toHaveBeenCalledOnce();
  });

  test('without a score it is just the tab', () => {
    renderIn(<CollapsedTab onExpand={vi.fn()} />, 'ja');
    expect(screen.getByRole('button', { name: 'Sidecar を開く' }).textContent).toBe('Sidecar');
  });
});

describe('ResizeHandle', () => {
  test.each([
    ['ArrowLeft widens', 'ArrowLeft', 360 + RESIZE_STEP],
    ['ArrowRight narrows', 'ArrowRight', 360 - RESIZE_STEP],
    ['Home is the widest', 'Home', 640],
    ['End is the narrowest', 'End', 300],
  ])('%s', async (_name, key, expected) => {
    const user = userEvent.setup();
    const onResize = vi.fn();
    renderIn(<ResizeHandle width={360} min={300} max={640} onResize={onResize} />);
    const handle = screen.getByRole('separator', { name: 'Sidebar width' });
    expect(handle.getAttribute('aria-valuenow')).toBe('360');
    handle.focus();
    await user.keyboard(`{${key}}`);
    expect(onResize).toHaveBeenCalledWith(expected);
  });

  test('dragging follows screenX deltas and stays within bounds', async () => {
    const onResize = vi.fn();
    renderIn(<ResizeHandle width={360} min={300} max={640} onResize={onResize} />);
    const handle = screen.getByRole('separator');
    fireEvent.pointerDown(handle, { button: 0, pointerId: 1, screenX: 1000 });
    fireEvent.pointerMove(handle, { pointerId: 1, screenX: 900 });
    await new Promise((r) => requestAnimationFrame(r));
    expect(onResize).toHaveBeenLastCalledWith(460);
    fireEvent.pointerMove(handle, { pointerId: 1, screenX: 1500 });
    await new Promise((r) => requestAnimationFrame(r));
    expect(onResize).toHaveBeenLastCalledWith(300);
    fireEvent.pointerUp(handle, { pointerId: 1, screenX: 1500 });
    onResize.mockClear();
    fireEvent.pointerMove(handle, { pointerId: 1, screenX: 800 });
    await new Promise((r) => requestAnimationFrame(r));
    expect(onResize).not.toHaveBeenCalled();
  });
});

describe('TopBar', () => {
  test('switches the language and collapses', async () => {
    const user = userEvent.setup();
    const onLocaleChange = vi.fn();
    const onCollapse = vi.fn();
    renderIn(<TopBar localeSetting="auto" onLocaleChange={onLocaleChange} onCollapse={onCollapse} />);
    await user.selectOptions(screen.getByLabelText('Language'), 'ja');
    expect(onLocaleChange).toHaveBeenCalledWith('ja');
    await user.click(screen.getByRole('button', { name: 'Collapse sidebar' }));
    expect(onCollapse).toHaveBeenCalledOnce();
  });
});

describe('Toast', () => {
  test('announces politely and goes away', async () => {
    vi.useFakeTimers();
    const onDone = vi.fn();
    renderIn(<Toast toast={{ id: 1, text: 'Copied “Check-in email”' }} onDone={onDone} ms={3000} />);
    expect(screen.getByRole('status').textContent).toBe('Copied “Check-in email”');
    vi.advanceTimersByTime(3000);
    expect(onDone).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });
});
