// Small stroke icons (16px, currentColor), as SVG markup strings.
const svg = (body) =>
  `<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

export const icons = {
  run: svg('<path d="M5 3.5v9l7-4.5z" fill="currentColor"/>'),
  addAbove: svg('<path d="M3 10.5h10M3 13.5h10M8 1.5v6M5 4.5h6"/>'),
  addBelow: svg('<path d="M3 2.5h10M3 5.5h10M8 8.5v6M5 11.5h6"/>'),
  up: svg('<path d="M8 13V3M4 7l4-4 4 4"/>'),
  down: svg('<path d="M8 3v10M4 9l4 4 4-4"/>'),
  eye: svg('<path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8z"/><circle cx="8" cy="8" r="2"/>'),
  trash: svg('<path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v4.5M9.5 6.5v4.5"/>'),
  runAll: svg('<path d="M2.5 3v10l6-5zM8.5 3v10l6-5z" fill="currentColor"/>'),
  plus: svg('<path d="M8 3v10M3 8h10"/>'),
  grip: svg('<circle cx="6" cy="4" r=".9" fill="currentColor"/><circle cx="10" cy="4" r=".9" fill="currentColor"/><circle cx="6" cy="8" r=".9" fill="currentColor"/><circle cx="10" cy="8" r=".9" fill="currentColor"/><circle cx="6" cy="12" r=".9" fill="currentColor"/><circle cx="10" cy="12" r=".9" fill="currentColor"/>'),
  tag: svg('<path d="M2.5 2.5h5l6 6-5 5-6-6z"/><circle cx="5.5" cy="5.5" r="1"/>'),
  ban: svg('<circle cx="8" cy="8" r="5.5"/><path d="M4.2 11.8l7.6-7.6"/>'),
  markdown: svg('<path d="M2 4.5h12v7H2zM4 9.5v-3l1.5 1.7L7 6.5v3M10.5 6.5v3M9.2 8.3l1.3 1.3 1.3-1.3"/>'),
  pencil: svg('<path d="M11 2.5l2.5 2.5-8 8H3v-2.5z"/>'),
};
