/**
 * The valid word a user most likely meant by a mistyped one (`biuld` → `build`, `prot` →
 * `port`), for "did you mean" suggestions. Pure.
 */

/**
 * Edits between two words: insertions, deletions, substitutions and swaps of two neighbouring
 * letters, each counting one (the optimal string alignment distance), so `biuld` is one edit
 * from `build`, as a user would count it.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, or null when none is close enough to be a typo: at most one
 * edit for words of up to four letters, two for longer ones. A word that starts a longer
 * candidate (`conc` for `concurrency`) also counts. Case is ignored; ties go to the first.
 */
export function nearest(word: string, candidates: readonly string[]): string | null {
  const typed = word.toLowerCase();
  if (typed === '') return null;
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null) return best;
  if (typed.length >= 3) return candidates.find((c) => c.toLowerCase().startsWith(typed)) ?? null;
  return null;
}
