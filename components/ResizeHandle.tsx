import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n } from './i18n';

export const RESIZE_STEP = 16;

/**
 * The sidebar's left edge. Dragging left widens it. The frame itself moves as
 * it resizes, so pointer positions inside it drift; screenX does not, so the
 * width follows the screen delta from where the drag began. Pointer capture
 * keeps the drag when the pointer leaves the frame for the CRM page.
 */
export function ResizeHandle({ width, min, max, onResize }: { width: number; min: number; max: number; onResize: (width: number) => void }) {
  const { t } = useI18n();
  const drag = useRef<{ x: number; width: number; id: number } | null>(null);
  const frame = useRef(0);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { x: e.screenX, width, id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const next = clamp(d.width + (d.x - e.screenX));
    // One storage write per frame at most: each write moves the iframe.
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => onResize(next));
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by = e.shiftKey ? RESIZE_STEP * 4 : RESIZE_STEP;
    const next = e.key === 'ArrowLeft' ? width + by : e.key === 'ArrowRight' ? width - by : e.key === 'Home' ? max : e.key === 'End' ? min : null;
    if (next === null) return;
    e.preventDefault();
    onResize(clamp(next));
  };
  return (
    <div
      className="resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('bar.resize')}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKeyDown}
    />
  );
}
