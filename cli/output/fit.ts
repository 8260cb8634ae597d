/**
 * Column widths for a table that must fit the terminal: narrow columns keep their full width and the
 * wide ones share what is left equally, so a GUID or a date is never cut because some description is long.
 */

/** No column is cut below this many characters (the ellipsis included). */
export const MIN_COLUMN = 8;

/**
 * Widths for columns of `natural` width within `maxWidth` (with `gap` between columns). Columns are
 * served narrowest first, each getting its natural width or an equal share of the room left, whichever
 * is smaller.
 */
export function fitWidths(natural: number[], maxWidth: number, gap = 2): number[] {
  const total = natural.reduce((a, b) => a + b, 0) + gap * Math.max(0, natural.length - 1);
  if (total <= maxWidth) return [...natural];
  const widths = [...natural];
  let room = maxWidth - gap * Math.max(0, natural.length - 1);
  const order = natural.map((width, index) => ({ width, index })).sort((a, b) => a.width - b.width);
  order.forEach(({ width, index }, served) => {
    const share = Math.floor(room / (order.length - served));
    widths[index] = Math.max(MIN_COLUMN, Math.min(width, share));
    room -= widths[index];
  });
  return widths;
}
