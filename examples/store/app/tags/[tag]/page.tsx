import { allTags, categories } from '../../_data/catalog';

// Values are returned decoded ("cone 6"); Kiln encodes the URL (/tags/cone%206) and hands the
// page the decoded value again.
export function generateStaticParams() {
  return allTags().map((tag) => ({ tag }));
}

export const dynamicParams = false;

export async function generateMetadata({ params }: { params: Promise<{ tag: string }> }) {
  return { title: `Tagged “${(await params).tag}”` };
}

export default async function TagPage({ params }: { params: Promise<{ tag: string }> }) {
  const { tag } = await params;
  const items = categories.flatMap((c) => c.items.filter((i) => i.tags.includes(tag)).map((i) => ({ ...i, category: c.slug })));
  return (
    <>
      <h1>Tagged “{tag}”</h1>
      <ul className="cards">
        {items.map((i) => (
          <li key={i.slug}>
            <a href={`/shop/${i.category}/${i.slug}`}>{i.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
