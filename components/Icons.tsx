// Inline SVG icons: no icon font or library. Decorative (aria-hidden); the control around them carries the name.
const base = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true, focusable: false } as const;

export const RefreshIcon = () => (
  <svg {...base}>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" />
    <path d="M13.5 2.5v3h-3" />
  </svg>
);
export const CollapseIcon = () => (
  <svg {...base}>
    <path d="M6 3.5 10.5 8 6 12.5" />
  </svg>
);
export const CopyIcon = () => (
  <svg {...base}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 5.5V3.8c0-.7-.6-1.3-1.3-1.3H3.8c-.7 0-1.3.6-1.3 1.3v5.4c0 .7.6 1.3 1.3 1.3h1.7" />
  </svg>
);
export const CheckIcon = () => (
  <svg {...base}>
    <path d="M3 8.5 6.5 12 13 4.5" />
  </svg>
);
export const MissIcon = () => (
  <svg {...base}>
    <circle cx="8" cy="8" r="5" />
  </svg>
);
export const WarnIcon = () => (
  <svg {...base}>
    <path d="M8 2.2 14.5 13.5h-13Z" />
    <path d="M8 6.5v3M8 11.5v.1" />
  </svg>
);
export const UpIcon = () => (
  <svg {...base}>
    <path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" />
  </svg>
);
export const DownIcon = () => (
  <svg {...base}>
    <path d="M8 3v10M3.5 8.5 8 13l4.5-4.5" />
  </svg>
);
export const TrashIcon = () => (
  <svg {...base}>
    <path d="M2.5 4.5h11M6 4.5V3h4v1.5M4 4.5l.7 9h6.6l.7-9" />
  </svg>
);
export const OfflineIcon = () => (
  <svg {...base}>
    <path d="M2 2l12 12M5.2 8.9a4 4 0 0 1 2-1M2.2 6.1a8 8 0 0 1 3-1.8M9.9 4.3a8 8 0 0 1 3.9 1.8M7 11.8a1.5 1.5 0 0 1 2 0" />
  </svg>
);
