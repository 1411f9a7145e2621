// `next/head` as Kiln provides it: the declarations compiled from src/next/head.tsx.
export * from '../../dist/next/head.js';
export { default } from '../../dist/next/head.js';
