import { describe, expect, it } from 'vitest';
import { assertNotClientModule, readDirectives } from './client-module.ts';

const message =
  'app/shop/[id]/page.tsx is a "use client" module and exports generateStaticParams; expected generateStaticParams ' +
  'in a server page or layout, since it runs at build time on the server. Hint: Remove "use client" from ' +
  'app/shop/[id]/page.tsx and move the interactive part into a client component it imports.';

describe('a "use client" module must not export generateStaticParams', () => {
  it.each([
    `'use client'\nexport function generateStaticParams() { return [] }`,
    `"use client";\nexport async function generateStaticParams() { return [] }`,
    `// a comment\n/* another */\n'use strict';\n'use client'\nexport const generateStaticParams = () => []`,
    `\uFEFF"use client"\nconst gsp = () => []\nexport { gsp as generateStaticParams }`,
    `#!/usr/bin/env node\n'use client'\nexport async function* generateStaticParams() {}`,
  ])('refuses %j', (source) => {
    let error: unknown;
    try {
      assertNotClientModule('app/shop/[id]/page.tsx', source);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'PARAMS_CLIENT_MODULE', message });
  });

  it.each([
    // Server modules may export it.
    `export function generateStaticParams() { return [] }`,
    // A client module without it is fine.
    `'use client'\nexport default function Page() { return null }`,
    // Not a directive: code comes first, or the literal is part of an expression.
    `import x from 'y'\n'use client'\nexport function generateStaticParams() {}`,
    `'use client'.length\nexport function generateStaticParams() {}`,
    // Mentioned, not exported.
    `'use client'\n// generateStaticParams lives in layout.tsx\nexport default function Page() { return null }`,
  ])('accepts %j', (source) => {
    expect(() => assertNotClientModule('app/shop/[id]/page.tsx', source)).not.toThrow();
  });

  it('reads the directive prologue only', () => {
    expect(readDirectives(`'use client'; "use strict"\n// x\nfoo(); 'use server'`)).toEqual(['use client', 'use strict']);
    expect(readDirectives(`const a = 1`)).toEqual([]);
  });
});
