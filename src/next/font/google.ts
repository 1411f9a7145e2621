/**
 * `next/font/google`. Kiln's Vite plugin compiles every `const f = Font({ … })` call away (see
 * `plugin.ts`), so this module is only reached by code the plugin did not compile; it exports
 * nothing, and such an import fails the build naming the font.
 */
export {};
