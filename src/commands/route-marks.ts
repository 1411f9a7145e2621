/** The one-character marks of a route's kind, shared by `kiln routes` and the build report. */
export function kindMark(kind: 'static' | 'generated' | 'dynamic'): string {
  return kind === 'static' ? '○' : kind === 'generated' ? '●' : 'λ';
}
