// `next/cache` as Kiln provides it: the declarations compiled from src/next/cache.ts.
export * from '../../dist/next/cache.js';
