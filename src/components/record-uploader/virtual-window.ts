// Which rows of a long list to render: only those in view (plus a few either side), with spacers
// standing in for the rest, so a 3,000-file study costs a screenful of DOM.

/** The slice of rows to render and the space the others take. */
export interface WindowSlice {
  start: number;
  end: number;
  padBefore: number;
  padAfter: number;
}

/** Rows from `scrollTop` for a viewport of `viewport` px, rows `rowHeight` px high. Pure. */
export function windowSlice(count: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 4): WindowSlice {
  const h = Math.max(1, rowHeight);
  const first = Math.floor(Math.max(0, scrollTop) / h);
  const visible = Math.ceil(Math.max(viewport, h) / h);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.max(start, Math.min(count, first + visible + overscan));
  return { start, end, padBefore: start * h, padAfter: (count - end) * h };
}
