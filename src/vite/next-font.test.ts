import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileFonts } from './next-font.ts';

let root: string;
const file = () => path.join(root, 'app/layout.tsx');

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiln-fonts-'));
  await mkdir(path.join(root, 'app'), { recursive: true });
  await mkdir(path.join(root, 'fonts'), { recursive: true });
  await writeFile(path.join(root, 'fonts/Brand-Bold.woff2'), 'x');
  await writeFile(path.join(root, 'fonts/Brand-Italic.ttf'), 'x');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('next/font/google', () => {
  test('a call becomes the font object, and the import becomes the CSS import', () => {
    const code = [
      "'use client';",
      "import { Inter, Roboto_Mono as Mono } from 'next/font/google';",
      "export const inter = Inter({ subsets: ['latin'], variable: '--font-inter', weight: '400' });",
      "const mono = Mono({ subsets: ['latin'], fallback: ['monospace'] } as const);",
      'export default function L() { return <body className={`${inter.variable} ${mono.className}`} />; }',
    ].join('\n');
    const seen: string[] = [];
    const result = compileFonts(code, file(), 'tsx', root, (family, relative, stack) => seen.push(`${relative} ${family}: ${stack}`))!;
    const name = path.basename(result.cssFile);
    expect(result.cssFile).toBe(path.join(root, 'app', name));
    expect(name).toMatch(/^__kiln_font_[0-9a-f]{8}\.css$/);
    const lines = result.code.split('\n');
    expect(lines[0]).toBe("'use client';");
    expect(lines[1]).toBe(`import "./${name}";`);
    const inter = JSON.parse(/^export const inter = (.*);$/.exec(lines[2])![1]);
    expect(inter).toEqual({
      className: expect.stringMatching(/^__className_[0-9a-f]{6}$/),
      style: { fontFamily: '"Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif', fontWeight: 400 },
      variable: expect.stringMatching(/^__variable_[0-9a-f]{6}$/),
    });
    const mono = JSON.parse(/^const mono = (.*);$/.exec(lines[3])![1]);
    expect(mono.style).toEqual({ fontFamily: '"Roboto Mono", monospace' });
    expect(mono.variable).toBeUndefined();
    expect(result.css).toBe(
      `.${inter.className} {\n  font-family: ${inter.style.fontFamily};\n  font-weight: 400;\n}\n` +
        `.${inter.variable} {\n  --font-inter: ${inter.style.fontFamily};\n}\n` +
        `.${mono.className} {\n  font-family: "Roboto Mono", monospace;\n}\n`,
    );
    expect(seen).toEqual([
      'app/layout.tsx Inter: "Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
      'app/layout.tsx Roboto Mono: "Roboto Mono", monospace',
    ]);
  });

  test('serif and monospace families get a matching local stack', () => {
    const code = "import { Playfair_Display, Fira_Code } from 'next/font/google';\nconst a = Playfair_Display({});\nconst b = Fira_Code();\n";
    const result = compileFonts(code, file(), 'ts', root)!;
    expect(result.code).toContain('"fontFamily":"\\"Playfair Display\\", Georgia, Cambria, \\"Times New Roman\\", Times, serif"');
    expect(result.code).toContain('"fontFamily":"\\"Fira Code\\", ui-monospace, SFMono-Regular, Menlo');
  });

  test('a module without a font import is left alone', () => {
    expect(compileFonts("const s = 'next/font/google';", file(), 'ts', root)).toBeNull();
    expect(compileFonts("import type { NextFont } from 'next/font/google';", file(), 'ts', root)).toBeNull();
  });

  test.each([
    ["let inter = Inter({});", 'app/layout.tsx: Inter() from next/font/google is assigned with let;'],
    ["function f() { return Inter({}); }", 'app/layout.tsx: Inter from next/font/google is used other than as a top-level const initialiser;'],
    ["const size = 1; const inter = Inter({ weight: size });", 'app/layout.tsx: Inter() from next/font/google has an option that is not a literal (Identifier at offset'],
    ['const { className } = Inter({});', 'app/layout.tsx: Inter() from next/font/google is assigned to a destructuring pattern;'],
  ])('%s fails the build', (statement, message) => {
    const code = `import { Inter } from 'next/font/google';\n${statement}\n`;
    expect(() => compileFonts(code, file(), 'ts', root)).toThrow(message);
  });
});

describe('next/font/local', () => {
  test('each file becomes an @font-face resolved from the calling module', () => {
    const code = [
      "import localFont from 'next/font/local.js';",
      'const brand = localFont({',
      "  src: [{ path: '../fonts/Brand-Bold.woff2', weight: '700' }, { path: '../fonts/Brand-Italic.ttf', style: 'italic' }],",
      "  variable: '--font-brand',",
      "  display: 'optional',",
      '});',
    ].join('\n');
    const result = compileFonts(code, file(), 'ts', root)!;
    const font = JSON.parse(/const brand = ([^;]*);/.exec(result.code)![1]);
    const family = /"(__brand_[0-9a-f]{6})"/.exec(font.style.fontFamily)![1];
    expect(font.style).toEqual({ fontFamily: `"${family}", Arial, sans-serif` });
    expect(result.css).toBe(
      `@font-face {\n  font-family: "${family}";\n  src: url("../fonts/Brand-Bold.woff2") format("woff2");\n  font-display: optional;\n  font-weight: 700;\n}\n` +
        `@font-face {\n  font-family: "${family}";\n  src: url("../fonts/Brand-Italic.ttf") format("truetype");\n  font-display: optional;\n  font-style: italic;\n}\n` +
        `.${font.className} {\n  font-family: "${family}", Arial, sans-serif;\n}\n` +
        `.${font.variable} {\n  --font-brand: "${family}", Arial, sans-serif;\n}\n`,
    );
  });

  test('a missing font file fails the build naming the module and the path', () => {
    const code = "import localFont from 'next/font/local';\nconst f = localFont({ src: './nope.woff2' });\n";
    expect(() => compileFonts(code, file(), 'ts', root)).toThrow(
      `app/layout.tsx: localFont() names the font file "./nope.woff2", which does not exist (looked for ${path.join(root, 'app/nope.woff2')}).`,
    );
  });

  test('src is required', () => {
    const code = "import localFont from 'next/font/local';\nconst f = localFont({});\n";
    expect(() => compileFonts(code, file(), 'ts', root)).toThrow('needs src: a path, or a list of { path, weight?, style? }');
  });
});
