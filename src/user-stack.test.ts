import type { SourceMapPayload } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cleanStack, inlineSourceMap } from './user-stack.ts';

// Generated line 3 (0-based 2), column 4 ← original line 1 (0-based 0), column 2: "AAAA;;IAAE".
const map: SourceMapPayload = {
  version: 3,
  file: 'page.tsx',
  sources: ['page.tsx'],
  sourcesContent: [],
  names: [],
  mappings: 'AAAA;;IAAE',
  sourceRoot: '',
};

describe('cleanStack', () => {
  it('maps app frames to their source, makes them project-relative and hides the rest', () => {
    const stack = [
      'Error: boom',
      '    at Boom (/work/app/app/page.tsx:3:5)',
      '    at renderElement (/work/app/.vite/deps_rsc/react-server.js?v=1:10:2)',
      '    at AsyncLocalStorage.run (node:async_hooks:346:14)',
      '    at compose (/work/kiln/src/render/compose.tsx:5:1)',
      '    at /work/app/app/lib/data.ts:7:1',
    ].join('\n');
    const lookup = (file: string) => (file === '/work/app/app/page.tsx' ? map : null);
    expect(cleanStack(stack, '/work/app', lookup)).toBe(
      [
        'Error: boom',
        '    at Boom (app/page.tsx:1:3)',
        '    at app/lib/data.ts:7:1',
        '    … 3 frames in Kiln, React, Vite or Node',
      ].join('\n'),
    );
  });

  it('names the package a dependency threw in, and the app file that imported it', () => {
    const stack = [
      'ReferenceError: window is not defined',
      '    at Object.<anonymous> (/work/app/node_modules/@acme/widgets/lib/index.js:2:17)',
      '    at Module._compile (node:internal/modules/cjs/loader:1554:14)',
      '    at Page (/work/app/app/page.tsx:3:5)',
    ].join('\n');
    const importerOf = (file: string) => (file === '/work/app/node_modules/@acme/widgets/lib/index.js' ? 'app/page.tsx' : null);
    expect(cleanStack(stack, '/work/app', () => null, importerOf)).toBe(
      [
        'ReferenceError: window is not defined',
        '    at Page (app/page.tsx:3:5)',
        '    … 2 frames in Kiln, React, Vite or Node; thrown in package "@acme/widgets" (node_modules/@acme/widgets/lib/index.js:2:17), imported by app/page.tsx',
      ].join('\n'),
    );
  });

  it('names no package when React, Vite or Kiln threw, or the top frame is the app\'s', () => {
    const fromReact = 'Error: x\n    at render (/work/app/node_modules/react-dom/cjs/server.js:1:1)';
    expect(cleanStack(fromReact, '/work/app', () => null)).toBe('Error: x\n    … 1 frame in Kiln, React, Vite or Node');
    const fromApp = 'Error: x\n    at Page (/work/app/app/page.tsx:3:5)\n    at lib (/work/app/node_modules/lib/index.js:1:1)';
    expect(cleanStack(fromApp, '/work/app', () => null)).toBe('Error: x\n    at Page (app/page.tsx:3:5)\n    … 1 frame in Kiln, React, Vite or Node');
  });

  it('maps a bundle to the sources it was built from, and hides the bundle\'s own frames', () => {
    // A build chunk: line 1, column 5 ← app/boom/page.tsx line 3, column 11; line 2 ← Kiln's layer.
    const chunk: SourceMapPayload = {
      version: 3,
      file: 'page-x.js',
      sources: ['../../../../app/boom/page.tsx', '../../../../../kiln/src/render/layer.tsx'],
      sourcesContent: [],
      names: [],
      mappings: 'AAAA,IAEU;ACFV',
      sourceRoot: '',
    };
    const assets = '/work/app/.dist.kiln-1/server/rsc/assets';
    const stack = [
      'Error: kaboom',
      `    at Boom (file://${assets}/page-x.js:1:5)`,
      `    at Layer (file://${assets}/page-x.js:2:1)`,
      `    at renderElement (file://${assets}/flight-y.js:10:2)`,
    ].join('\n');
    const lookup = (file: string) => (file === `${assets}/page-x.js` ? chunk : null);
    expect(cleanStack(stack, '/work/app', lookup)).toBe(
      ['Error: kaboom', '    at Boom (app/boom/page.tsx:3:11)', '    … 2 frames in Kiln, React, Vite or Node'].join('\n'),
    );
  });

  it('leaves a stack without frames as it is', () => {
    expect(cleanStack('Error: plain', '/work/app', () => null)).toBe('Error: plain');
  });
});

describe('inlineSourceMap', () => {
  it('reads the map a module runner appends, with or without a charset', () => {
    const encoded = Buffer.from(JSON.stringify(map)).toString('base64');
    expect(inlineSourceMap(`code\n//# sourceMappingURL=data:application/json;base64,${encoded}\n`)).toEqual(map);
    expect(inlineSourceMap(`code\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${encoded}`)).toEqual(map);
    expect(inlineSourceMap('code without a map')).toBeNull();
  });
});
