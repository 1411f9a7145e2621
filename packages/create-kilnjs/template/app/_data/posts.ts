// The app's content. Replace it with files, a CMS or an API: generateStaticParams and the pages
// may be async and fetch at build time.
export interface Post {
  slug: string;
  title: string;
  body: string;
}

export const posts: Post[] = [
  { slug: 'hello-kiln', title: 'Hello, Kiln', body: 'This page was prerendered by kiln build from app/posts/[slug]/page.tsx.' },
  { slug: 'next-steps', title: 'Next steps', body: 'Add a folder under app/ for each URL segment; [name] folders take a value.' },
];

export function findPost(slug: string): Post | undefined {
  return posts.find((post) => post.slug === slug);
}
