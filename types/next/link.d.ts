// `next/link` as Kiln provides it: the declarations compiled from src/next/link.tsx.
export * from '../../dist/next/link.js';
export { default } from '../../dist/next/link.js';
