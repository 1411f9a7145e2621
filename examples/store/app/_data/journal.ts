export interface Entry {
  year: string;
  slug: string;
  title: string;
  body: string;
}

export const entries: Entry[] = [
  { year: '2025', slug: 'first-firing', title: 'Our first firing', body: 'Forty pots in, thirty-one out. The kiln taught us patience.' },
  { year: '2025', slug: 'glaze-tests', title: 'Two hundred glaze tiles', body: 'We tested every glaze we sell on three clay bodies.' },
  { year: '2026', slug: 'new-kiln', title: 'A bigger kiln', body: 'Twice the shelves, half the waiting.' },
];
