import { category } from '../../_data/catalog';

export async function generateMetadata({ params }: { params: Promise<{ category: string }> }) {
  const c = category((await params).category);
  return { title: c?.name ?? 'Shop' };
}

export default async function CategoryPage({ params }: { params: Promise<{ category: string }> }) {
  const { category: slug } = await params;
  const c = category(slug)!;
  return (
    <>
      <h1>{c.name}</h1>
      <ul className="cards">
        {c.items.map((item) => (
          <li key={item.slug}>
            <a href={`/shop/${c.slug}/${item.slug}`}>{item.name}</a>
            <p>€{item.price}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
