/** The guide is a tree of pages addressed by an optional catch-all: `/guide`, `/guide/throwing/centering`. */
export const guide: Record<string, { title: string; body: string }> = {
  '': { title: 'The guide', body: 'Everything we know about making pots, one page at a time.' },
  throwing: { title: 'Throwing', body: 'Wedge, centre, open, pull. Repeat for ten years.' },
  'throwing/centering': { title: 'Centering', body: 'Brace your elbows; let the wheel do the work.' },
  firing: { title: 'Firing', body: 'Bisque first, then glaze. Never rush the cooling.' },
};
