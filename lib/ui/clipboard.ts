/**
 * Copies text from the sidebar frame. The async Clipboard API needs the frame's
 * allow="clipboard-write" and a user gesture; where it is refused (an older
 * CRM layout, a browser policy) the selection-based fallback still works.
 */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  const clip = doc.defaultView?.navigator.clipboard;
  if (clip && typeof clip.writeText === 'function') {
    try {
      await clip.writeText(text);
      return;
    } catch {
      // Fall through to the textarea route.
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  // Off-screen but rendered: a display:none element cannot be selected.
  area.style.cssText = 'position:fixed;top:0;left:-9999px;opacity:0;';
  const active = doc.activeElement as HTMLElement | null;
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } finally {
    area.remove();
    active?.focus?.();
  }
  if (!ok) throw new Error('copy refused');
}
