export function CollapsedTab({ onExpand }: { onExpand: () => void }) {
  return (
    <button type="button" className="collapsed-tab" onClick={onExpand} aria-label="Open Sidecar" title="Open Sidecar (Alt+Shift+S)">
      <span>Sidecar</span>
    </button>
  );
}
