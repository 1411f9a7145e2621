/**
 * Kiln's layering, checked in CI (`npm run check:layers`). Data flows one way: routing → params →
 * render → build / server / dev, with the Vite plugins and the CLI on top. A layer imports only
 * the layers below it; the pure core has no I/O. Beside routing sits the build output contract
 * (src/output/), the one description of dist/ that the build writes and everything else reads.
 */
const BUILD_TOOLING = ['^src/build/', '^src/dev/', '^src/vite/', '^src/commands/', '^src/cli\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'routing-is-a-leaf',
      comment: 'The route tree, matching and hrefs depend on nothing but the error catalog.',
      severity: 'error',
      from: { path: '^src/routing/' },
      to: { pathNot: ['^src/routing/', '^src/errors\\.ts$'] },
    },
    {
      name: 'output-is-a-leaf',
      comment:
        'The build output contract (manifest, page files, payload and asset URLs, URL layout) is what build writes and server, client and render read: types and pure functions over the error catalog only.',
      severity: 'error',
      from: { path: '^src/output/' },
      to: { pathNot: ['^src/output/', '^src/errors\\.ts$'] },
    },
    {
      name: 'params-over-routing',
      comment: 'The generateStaticParams walk and validation use the route tree and the catalog only.',
      severity: 'error',
      from: { path: '^src/params/' },
      to: { pathNot: ['^src/params/', '^src/routing/', '^src/errors\\.ts$'] },
    },
    {
      name: 'pure-core-has-no-io',
      comment: 'Routing and params take a module loader, the output contract only describes files; none reaches Node.',
      severity: 'error',
      from: { path: '^src/(routing|params|output)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'entries-on-top',
      comment: 'The bundle entries (src/entries/) are reached by Vite from their paths; no module imports them.',
      severity: 'error',
      from: { pathNot: '^src/entries/' },
      to: { path: '^src/entries/' },
    },
    {
      name: 'render-below-servers',
      comment: 'Rendering is used by the build, the servers and dev; it never imports them.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: [...BUILD_TOOLING, '^src/server/'] },
    },
    {
      name: 'server-never-builds',
      comment: 'kiln start serves a build; it does not import the build, dev, Vite or the CLI.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: BUILD_TOOLING },
    },
    {
      name: 'build-below-dev-and-cli',
      severity: 'error',
      from: { path: '^src/build/' },
      to: { path: ['^src/dev/', '^src/commands/', '^src/cli\\.ts$'] },
    },
    {
      name: 'client-is-browser-code',
      comment: 'What runs in the browser never imports server, build or tooling code, nor Node.',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: [...BUILD_TOOLING, '^src/server/', '^src/params/'] },
    },
    {
      name: 'client-has-no-node',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shims-apart-from-plugins',
      comment: 'next/* runtime shims never import Vite plugins or tooling; plugins live in src/vite/.',
      severity: 'error',
      from: { path: '^src/next/' },
      to: { path: [...BUILD_TOOLING, '^src/server/'] },
    },
    {
      name: 'no-vite-at-run-time',
      comment: 'The built server and the shims run without Vite installed beside them.',
      severity: 'error',
      from: { path: '^src/(routing|params|output|render|server|client|next)/' },
      to: { path: ['^vite$', '^node_modules/vite/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['\\.test\\.tsx?$', '/test-[^/]*\\.tsx?$'] },
  },
};
