import { entries } from '../../../_data/journal';

// Bottom-up: the page generates both of its segments at once.
export async function generateStaticParams() {
  return entries.map((e) => ({ year: e.year, slug: e.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ year: string; slug: string }> }) {
  const { year, slug } = await params;
  return { title: entries.find((e) => e.year === year && e.slug === slug)?.title };
}

export default async function JournalEntry({ params }: { params: Promise<{ year: string; slug: string }> }) {
  const { year, slug } = await params;
  const entry = entries.find((e) => e.year === year && e.slug === slug)!;
  return (
    <article>
      <h1>{entry.title}</h1>
      <p>
        <em>{entry.year}</em>
      </p>
      <p>{entry.body}</p>
    </article>
  );
}
