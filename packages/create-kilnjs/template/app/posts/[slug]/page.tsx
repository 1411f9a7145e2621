import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findPost, posts } from '../../_data/posts';

interface Props {
  params: Promise<{ slug: string }>;
}

// Every slug returned here is prerendered by `kiln build`; another slug renders on its first
// request and is cached (set `export const dynamicParams = false` to answer 404 instead).
export function generateStaticParams() {
  return posts.map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = findPost((await params).slug);
  return { title: post?.title ?? 'Not found' };
}

export default async function PostPage({ params }: Props) {
  const post = findPost((await params).slug);
  if (!post) notFound();
  return (
    <article>
      <h1>{post.title}</h1>
      <p>{post.body}</p>
    </article>
  );
}
