// `next/script` as Kiln provides it: the declarations compiled from src/next/script.tsx.
export * from '../../dist/next/script.js';
export { default } from '../../dist/next/script.js';
