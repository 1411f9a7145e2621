import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kilnPackageJson } from '../vite/paths.ts';
import { installReactServerRequire, reactServerEntries } from './react-server-require.ts';

const require = createRequire(kilnPackageJson);

describe('react-server requires', () => {
  it('maps the bare React names to their react-server entries in Kiln’s React', () => {
    const entries = reactServerEntries();
    expect(path.basename(entries.get('react')!)).toBe('react.react-server.js');
    expect(path.basename(entries.get('react-dom')!)).toBe('react-dom.react-server.js');
    expect(path.basename(entries.get('react/jsx-dev-runtime')!)).toBe('jsx-dev-runtime.react-server.js');
    expect(path.dirname(entries.get('react')!)).toBe(path.dirname(require.resolve('react/package.json')));
  });

  it('lets the Flight server load natively while other modules keep the ordinary React', () => {
    installReactServerRequire();
    const server = require('@vitejs/plugin-rsc/vendor/react-server-dom/server.edge') as Record<string, unknown>;
    expect(typeof server.renderToReadableStream).toBe('function');
    // The ordinary build has hooks for components that run in the browser; the server build has none.
    expect(typeof (require('react') as Record<string, unknown>).useState).toBe('function');
    expect((require(reactServerEntries().get('react')!) as Record<string, unknown>).useState).toBeUndefined();
  });
});
