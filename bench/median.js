/** The median of `pick(item)` over `items`: the figure every bench reports. */
export function medianOf(items, pick) {
  const sorted = items.map(pick).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
