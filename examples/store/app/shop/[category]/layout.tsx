import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { categories, category } from '../../_data/catalog';

// Top-down: the layout generates every category once; the page below is called per category.
export function generateStaticParams() {
  return categories.map((c) => ({ category: c.slug }));
}

export const dynamicParams = false;

export default async function CategoryLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ category: string }>;
}) {
  const c = category((await params).category);
  if (!c) notFound();
  return (
    <section>
      <p className="tag">{c.name}</p>
      <p>{c.description}</p>
      {children}
    </section>
  );
}
