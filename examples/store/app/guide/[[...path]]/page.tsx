import { notFound } from 'next/navigation';
import { guide } from '../../_data/guide';

// An optional catch-all: `[]` is /guide itself.
export function generateStaticParams() {
  return Object.keys(guide).map((key) => ({ path: key === '' ? [] : key.split('/') }));
}

export async function generateMetadata({ params }: { params: Promise<{ path?: string[] }> }) {
  const page = guide[((await params).path ?? []).join('/')];
  return { title: page?.title };
}

export default async function GuidePage({ params }: { params: Promise<{ path?: string[] }> }) {
  const path = (await params).path ?? [];
  const page = guide[path.join('/')];
  if (!page) notFound();
  return (
    <article>
      <h1>{page.title}</h1>
      <p>{page.body}</p>
      <ul>
        {Object.entries(guide)
          .filter(([key]) => key !== '' && key !== path.join('/'))
          .map(([key, p]) => (
            <li key={key}>
              <a href={`/guide/${key}`}>{p.title}</a>
            </li>
          ))}
      </ul>
    </article>
  );
}
