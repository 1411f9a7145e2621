// `next/image` as Kiln provides it: the declarations compiled from src/next/image.tsx.
export * from '../../dist/next/image.js';
export { default } from '../../dist/next/image.js';
