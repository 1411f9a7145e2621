// `next/headers` as Kiln provides it: the declarations compiled from src/next/headers.ts.
export * from '../../dist/next/headers.js';
