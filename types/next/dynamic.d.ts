// `next/dynamic` as Kiln provides it: the declarations compiled from src/next/dynamic.tsx.
export * from '../../dist/next/dynamic.js';
export { default } from '../../dist/next/dynamic.js';
