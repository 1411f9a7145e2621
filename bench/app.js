/**
 * Writes the benchmark app (issue 4) into a folder: a root layout with `metadata`, a home page,
 * `products/[category]/layout.tsx` whose generateStaticParams returns 10 categories, and
 * `products/[category]/[product]/page.tsx` whose generateStaticParams, called once per category,
 * reads that category's products from a JSON file with `fs`. `dynamicParams = false`.
 */
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kilnRoot = fileURLToPath(new URL('../', import.meta.url));
export const CATEGORIES = 10;

/** Whether Kiln ships a `next/link` shim yet; without one the page links home with a plain `<a>`. */
export function hasLinkShim() {
  return ['src/next/link.tsx', 'src/next/link.ts'].some((f) => existsSync(path.join(kilnRoot, f)));
}

/**
 * Generates the app for `pages` product pages (a multiple of 10 is exact; otherwise rounded down).
 * `exportStatic` configures it as a Next.js user configures a static site: `output: 'export'` in
 * `next.config.mjs`, so `kiln build` also writes `out/`.
 */
export async function generateApp(dir, pages, { exportStatic = false } = {}) {
  const perCategory = Math.floor(pages / CATEGORIES);
  const link = hasLinkShim();
  const files = {
    'package.json': JSON.stringify({ name: 'kiln-bench-app', private: true, type: 'module' }, null, 2),
    'app/layout.tsx': `import type { ReactNode } from 'react';

export const metadata = { title: { default: 'Bench Store', template: '%s · Bench Store' }, description: 'Kiln build benchmark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>Bench Store</header>
        {children}
      </body>
    </html>
  );
}
`,
    'app/page.tsx': `export default function Home() {
  return <main><h1>Welcome</h1><p>${pages} products in ${CATEGORIES} categories.</p></main>;
}
`,
    'app/products/[category]/layout.tsx': `import type { ReactNode } from 'react';

export function generateStaticParams() {
  return Array.from({ length: ${CATEGORIES} }, (_, i) => ({ category: \`category-\${i}\` }));
}

export default async function CategoryLayout({ params, children }: { params: Promise<{ category: string }>; children: ReactNode }) {
  const { category } = await params;
  return (
    <section>
      <h2 className="category">Category {category}</h2>
      {children}
    </section>
  );
}
`,
    'components/badge.tsx': `export function Badge({ label }: { label: string }) {
  return <span className="badge">{label}</span>;
}
`,
    'app/products/[category]/[product]/page.tsx': `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Badge } from '../../../../components/badge';
${link ? "import Link from 'next/link';\n" : ''}
export const dynamicParams = false;

interface Product { id: string; name: string }

export async function generateStaticParams({ params: { category } }: { params: { category: string } }) {
  const file = path.join(process.cwd(), 'data', \`\${category}.json\`);
  const products: Product[] = JSON.parse(await readFile(file, 'utf8'));
  return products.map((p) => ({ product: p.id }));
}

export default async function ProductPage({ params }: { params: Promise<{ category: string; product: string }> }) {
  const { category, product } = await params;
  // As Next.js's blog starter reads its posts.
  const blurb = readFileSync(path.join(process.cwd(), 'data', 'blurbs', \`\${category}.txt\`), 'utf8');
  const features = Array.from({ length: 20 }, (_, i) => \`Feature \${i + 1} of \${product}\`);
  return (
    <main>
      <h1>Product {product}</h1>
      <p>A fine product from {category}, made to last and priced to sell.</p>
      <p>{blurb} <Badge label="in stock" /></p>
      <ul>
        {features.map((f) => <li key={f}>{f}</li>)}
      </ul>
      ${link ? '<Link href="/">Home</Link>' : '<a href="/">Home</a>'}
    </main>
  );
}
`,
  };
  if (exportStatic) files['next.config.mjs'] = "export default { output: 'export' };\n";
  for (let c = 0; c < CATEGORIES; c++) {
    const products = Array.from({ length: perCategory }, (_, i) => ({ id: `p${c}-${i}`, name: `Product ${i} of category ${c}` }));
    files[`data/category-${c}.json`] = JSON.stringify(products);
    files[`data/blurbs/category-${c}.txt`] = `Category ${c}: sturdy goods for every day.`;
  }
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  // The app imports react and next/* like any app; resolve them from Kiln's own install.
  await symlink(path.join(kilnRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { pages: perCategory * CATEGORIES + 1, link };
}
