// `next/navigation` as Kiln provides it: the declarations compiled from src/next/navigation.ts.
export * from '../../dist/next/navigation.js';
