import Link from 'next/link';
import { posts } from './_data/posts';

export default function HomePage() {
  return (
    <>
      <h1>Welcome to Kiln</h1>
      <p>
        Edit <code>app/page.tsx</code> and save: the page updates in place.
      </p>
      <h2>Posts</h2>
      <ul>
        {posts.map((post) => (
          <li key={post.slug}>
            <Link href={`/posts/${post.slug}`}>{post.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
