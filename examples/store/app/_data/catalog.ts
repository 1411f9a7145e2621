import 'server-only';

export interface Item {
  slug: string;
  name: string;
  price: number;
  blurb: string;
  tags: string[];
}

export interface Category {
  slug: string;
  name: string;
  description: string;
  items: Item[];
}

export const categories: Category[] = [
  {
    slug: 'clay',
    name: 'Clay',
    description: 'Stoneware, porcelain and earthenware bodies, ready to throw.',
    items: [
      { slug: 'stoneware-10kg', name: 'Stoneware, 10 kg', price: 24, blurb: 'A forgiving buff body that fires to cone 6.', tags: ['cone 6', 'beginner'] },
      { slug: 'porcelain-5kg', name: 'Porcelain, 5 kg', price: 31, blurb: 'Translucent when thin; unforgiving when wet.', tags: ['cone 10'] },
      { slug: 'terracotta-10kg', name: 'Terracotta, 10 kg', price: 18, blurb: 'Red, warm and low-fire.', tags: ['low fire', 'beginner'] },
    ],
  },
  {
    slug: 'glazes',
    name: 'Glazes',
    description: 'Dipping and brushing glazes tested on our own kiln.',
    items: [
      { slug: 'celadon', name: 'Celadon', price: 16, blurb: 'A pale green that pools in every carved line.', tags: ['cone 10', 'glossy'] },
      { slug: 'tenmoku', name: 'Tenmoku', price: 15, blurb: 'Iron black breaking to rust on the rims.', tags: ['cone 6', 'glossy'] },
    ],
  },
  {
    slug: 'tools',
    name: 'Tools',
    description: 'Ribs, trimming tools and wire for the wheel.',
    items: [
      { slug: 'wooden-rib', name: 'Wooden rib', price: 7, blurb: 'Maple, shaped by hand.', tags: ['beginner'] },
      { slug: 'loop-tool', name: 'Loop tool set', price: 12, blurb: 'Three sizes of trimming loops.', tags: ['trimming'] },
    ],
  },
];

export function category(slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}

export function allTags(): string[] {
  return [...new Set(categories.flatMap((c) => c.items.flatMap((i) => i.tags)))].sort();
}
