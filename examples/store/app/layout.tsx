import type { ReactNode } from 'react';
import './globals.css';

export const metadata = {
  title: { default: 'Kiln Pottery Supply', template: '%s · Kiln Pottery Supply' },
  description: 'Clay, glazes and tools, prerendered with Kiln.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site">
          <a className="brand" href="/">Kiln Pottery Supply</a>
          <a href="/shop/clay">Shop</a>
          <a href="/journal/2025/first-firing">Journal</a>
          <a href="/guide">Guide</a>
        </header>
        <main>{children}</main>
        <footer>Every page here was written to disk at build time.</footer>
      </body>
    </html>
  );
}
