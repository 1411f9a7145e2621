import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests spawn builds; two cores do not gain from running many at once.
    fileParallelism: true,
    maxWorkers: 2,
    // Built server bundles are imported by Node itself, as `kiln start` imports them: run
    // through Vite they would be transformed again, and their source maps (which name sources
    // from the project, not from the map) reported as broken.
    server: { deps: { external: [/[\\/]server[\\/](rsc|ssr)[\\/]/] } },
  },
});
