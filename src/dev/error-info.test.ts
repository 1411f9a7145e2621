import { describe, expect, it } from 'vitest';
import { kilnError } from '../errors.ts';
import { describeError } from './error-info.ts';
import { errorPageHtml } from './error-page.ts';

const ctx = { root: '/work/app', pathname: '/shop/a', route: '/shop/[id]' };

describe('describeError', () => {
  it('passes catalog errors through, with the stack of the user error they wrap', () => {
    const cause = new Error('no database');
    const error = kilnError('PARAMS_GSP_FAILED', { file: 'app/shop/[id]/page.tsx', route: '/shop/[id]', parentParams: {}, phase: 'call', index: 0, cause }, { cause });
    const info = describeError(error, { ...ctx, cleanStack: (s) => `clean(${s.split('\n')[0]})` });
    expect(info).toEqual({
      code: 'PARAMS_GSP_FAILED',
      message:
        'app/shop/[id]/page.tsx: generateStaticParams for route /shop/[id], called with { params: {} }, threw: no database. ' +
        'Hint: The original error, with its stack, is attached as the cause.',
      file: 'app/shop/[id]/page.tsx',
      route: '/shop/[id]',
      pathname: '/shop/a',
      frame: null,
      stack: 'clean(Error: no database)',
    });
  });

  it('revives catalog errors that crossed from the module runner as plain objects', () => {
    const copy = Object.assign(new Error('x'), { name: 'KilnError', code: 'METADATA_INVALID', details: { file: 'app/page.tsx', route: '/', source: 'metadata', value: 3 } });
    const info = describeError(copy, ctx);
    expect(info.code).toBe('METADATA_INVALID');
    expect(info.message).toBe(
      'app/page.tsx (route /) gives metadata = 3 (number). Expected a plain object such as { title: "…", description: "…" }. ' +
        'Hint: Export metadata as an object literal.',
    );
  });

  it('turns an Oxc parse error into DEV_MODULE_FAILED with its location and code frame', () => {
    const parse = {
      message: '\u001b[31m[PARSE_ERROR] \u001b[0mExpected `>` but found `<`\n   ╭─[ app/x/page.tsx:20:7 ]\n 20 │   <p>\n───╯\n',
      id: '/work/app/app/x/page.tsx',
      loc: { line: 20, column: 6, file: '/work/app/app/x/page.tsx' },
    };
    const error = Object.assign(new Error('Transform failed with 1 error:\n\n[PARSE_ERROR] …'), { plugin: 'vite:oxc', id: '/work/app/app/x/page.tsx?v=1', errors: [parse] });
    const info = describeError(error, ctx);
    expect(info.code).toBe('DEV_MODULE_FAILED');
    expect(info.file).toBe('app/x/page.tsx');
    expect(info.message).toBe(
      'app/x/page.tsx:20:7 could not be compiled or loaded while serving /shop/a (route /shop/[id]): ' +
        '[PARSE_ERROR] Expected `>` but found `<`. Expected a module that compiles and imports. ' +
        'Hint: Fix the error and save the file; the page recovers without restarting kiln dev.',
    );
    expect(info.frame).toBe('   ╭─[ app/x/page.tsx:20:7 ]\n 20 │   <p>\n───╯');
    expect(info.stack).toBeNull();
  });

  it('says a module failed to compile rather than that rendering failed', () => {
    const compile = Object.assign(new Error('Failed to resolve import "./gone.ts"'), { plugin: 'vite:import-analysis', id: '/work/app/app/page.tsx', frame: '1 | import "./gone.ts"' });
    const error = kilnError('RENDER_FAILED', { file: 'app/page.tsx', route: '/', path: '/', reason: compile.message, phase: 'flight' }, { cause: compile });
    const info = describeError(error, ctx);
    expect(info.code).toBe('DEV_MODULE_FAILED');
    expect(info.message.startsWith('app/page.tsx could not be compiled or loaded while serving /shop/a (route /shop/[id]): Failed to resolve import "./gone.ts".')).toBe(true);
    expect(info.frame).toBe('1 | import "./gone.ts"');
  });

  it('reports the catalog error a module check threw while rendering, not the render failure', () => {
    const check = Object.assign(new Error('x'), {
      name: 'KilnError',
      code: 'PARAMS_CLIENT_MODULE',
      details: { file: 'app/a/page.tsx' },
      plugin: 'kiln:client-params-check',
    });
    const error = kilnError('RENDER_FAILED', { file: 'app/a/page.tsx', route: '/a', path: '/a', reason: 'x', phase: 'flight' }, { cause: check });
    const info = describeError(error, ctx);
    expect(info.code).toBe('PARAMS_CLIENT_MODULE');
    expect(info.file).toBe('app/a/page.tsx');
    expect(info.route).toBe('/shop/[id]');
  });

  it('rebuilds a render error message around the cleaned stack, shown once', () => {
    const cause = new Error('boom');
    cause.stack = 'Error: boom\n    at Page (/work/app/app/page.tsx:11:8)';
    const error = kilnError('RENDER_FAILED', { file: 'app/page.tsx', route: '/', path: '/', reason: 'boom', stack: cause.stack, phase: 'flight' }, { cause });
    const info = describeError(error, { ...ctx, cleanStack: () => 'Error: boom\n    at Page (app/page.tsx:4:9)' });
    expect(info.message).toBe(
      'Rendering / (route /) failed in app/page.tsx: boom.\nError stack:\nError: boom\n    at Page (app/page.tsx:4:9)\n' +
        'Hint: Fix the component (or the data it reads) and save; the page recovers without restarting kiln dev.',
    );
    expect(info.stack).toBeNull();
    expect(info.route).toBe('/');
  });

  it('wraps any other error in DEV_REQUEST_FAILED naming the path and route', () => {
    const info = describeError(new TypeError('x is not a function'), ctx);
    expect(info.code).toBe('DEV_REQUEST_FAILED');
    expect(info.message).toBe(
      'Serving /shop/a (route /shop/[id]) failed: x is not a function. Hint: Fix the error and save the file; the page recovers without restarting kiln dev.',
    );
  });
});

describe('errorPageHtml', () => {
  it('escapes everything the error carries', () => {
    const html = errorPageHtml({
      code: 'DEV_REQUEST_FAILED',
      message: '<script>alert(1)</script>',
      file: 'app/"x".tsx',
      route: '/[a]',
      pathname: '/<b>',
      frame: null,
      stack: null,
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<pre class="message">&lt;script&gt;alert(1)&lt;/script&gt;</pre>');
    expect(html).toContain('<p class="where">file app/&quot;x&quot;.tsx · route /[a] · path /&lt;b&gt;</p>');
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
