import { AddToCart } from '../../../_components/add-to-cart';
import { category } from '../../../_data/catalog';

// Called once per category the layout generated, with { params: { category } }.
export function generateStaticParams({ params }: { params: { category: string } }) {
  return category(params.category)!.items.map((item) => ({ item: item.slug }));
}

function find(categorySlug: string, itemSlug: string) {
  return category(categorySlug)?.items.find((i) => i.slug === itemSlug);
}

export async function generateMetadata({ params }: { params: Promise<{ category: string; item: string }> }) {
  const { category: c, item } = await params;
  const found = find(c, item);
  return { title: found?.name, description: found?.blurb };
}

// Next.js 13/14 style: params read as a plain object works too.
export default function ItemPage({ params }: { params: { category: string; item: string } }) {
  const item = find(params.category, params.item)!;
  return (
    <article>
      <h1>{item.name}</h1>
      <p>{item.blurb}</p>
      <p>
        <strong>€{item.price}</strong>
      </p>
      <p>
        {item.tags.map((t) => (
          <a key={t} className="tag" href={`/tags/${encodeURIComponent(t)}`}>
            {t}
          </a>
        ))}
      </p>
      <AddToCart name={item.name} />
    </article>
  );
}
