/** What Kiln renders when the app has no file of its own for the job. */
import type { ReactNode } from 'react';

export function DefaultRootLayout({ children }: { children?: ReactNode }): ReactNode {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

export function DefaultNotFound(): ReactNode {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', textAlign: 'center', marginTop: '20vh' }}>
      <h1 style={{ fontSize: '1.5rem', fontWeight: 500 }}>404: This page could not be found.</h1>
    </main>
  );
}
