// `next/server` as Kiln provides it: the declarations compiled from src/next/server.ts.
export * from '../../dist/next/server.js';
