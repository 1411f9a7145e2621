'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Home' },
  { href: '/posts/hello-kiln', label: 'Hello' },
  { href: '/posts/next-steps', label: 'Next steps' },
];

// A client component: it hydrates in the browser, and its links navigate without a page load.
export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav>
      {LINKS.map((link) => (
        <Link key={link.href} href={link.href} aria-current={pathname === link.href ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
