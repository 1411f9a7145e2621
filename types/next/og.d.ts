// `next/og` as Kiln provides it: the declarations compiled from src/next/og.ts.
export * from '../../dist/next/og.js';
