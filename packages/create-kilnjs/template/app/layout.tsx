import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NavLinks } from './_components/nav-links';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'My Kiln app', template: '%s · My Kiln app' },
  description: 'Built with Kiln.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <NavLinks />
        <main>{children}</main>
      </body>
    </html>
  );
}
