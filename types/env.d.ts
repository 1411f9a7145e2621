/**
 * Types for the modules an app imports from Next.js and gets from Kiln, declared as ambient
 * modules so they apply whether or not `next` is installed and whatever `paths` the app sets.
 * Each is Kiln's own declaration (types/next/), with the `.js` spelling Kiln also accepts.
 * Modules Kiln does not provide (`next/router`, `next/document`, …) are left undeclared, so
 * `tsc` reports them as the build would.
 */

declare module '*.module.css' {
  const classes: { readonly [className: string]: string };
  export default classes;
}

declare module 'next' {
  export * from 'kilnjs/types/next/index';
}

declare module 'next/link' {
  export * from 'kilnjs/types/next/link';
  export { default } from 'kilnjs/types/next/link';
}

declare module 'next/link.js' {
  export * from 'kilnjs/types/next/link';
  export { default } from 'kilnjs/types/next/link';
}

declare module 'next/navigation' {
  export * from 'kilnjs/types/next/navigation';
}

declare module 'next/navigation.js' {
  export * from 'kilnjs/types/next/navigation';
}

declare module 'next/cache' {
  export * from 'kilnjs/types/next/cache';
}

declare module 'next/cache.js' {
  export * from 'kilnjs/types/next/cache';
}

declare module 'next/image' {
  export * from 'kilnjs/types/next/image';
  export { default } from 'kilnjs/types/next/image';
}

declare module 'next/image.js' {
  export * from 'kilnjs/types/next/image';
  export { default } from 'kilnjs/types/next/image';
}

declare module 'next/head' {
  export * from 'kilnjs/types/next/head';
  export { default } from 'kilnjs/types/next/head';
}

declare module 'next/head.js' {
  export * from 'kilnjs/types/next/head';
  export { default } from 'kilnjs/types/next/head';
}

declare module 'next/server' {
  export * from 'kilnjs/types/next/server';
}

declare module 'next/server.js' {
  export * from 'kilnjs/types/next/server';
}

declare module 'next/dynamic' {
  export * from 'kilnjs/types/next/dynamic';
  export { default } from 'kilnjs/types/next/dynamic';
}

declare module 'next/dynamic.js' {
  export * from 'kilnjs/types/next/dynamic';
  export { default } from 'kilnjs/types/next/dynamic';
}

declare module 'next/headers' {
  export * from 'kilnjs/types/next/headers';
}

declare module 'next/headers.js' {
  export * from 'kilnjs/types/next/headers';
}

declare module 'next/script' {
  export * from 'kilnjs/types/next/script';
  export { default } from 'kilnjs/types/next/script';
}

declare module 'next/script.js' {
  export * from 'kilnjs/types/next/script';
  export { default } from 'kilnjs/types/next/script';
}

declare module 'next/og' {
  export * from 'kilnjs/types/next/og';
}

declare module 'next/og.js' {
  export * from 'kilnjs/types/next/og';
}

declare module 'next/font/google' {
  export * from 'kilnjs/types/next/font/google';
}

declare module 'next/font/google.js' {
  export * from 'kilnjs/types/next/font/google';
}

declare module 'next/font/local' {
  export * from 'kilnjs/types/next/font/local';
  export { default } from 'kilnjs/types/next/font/local';
}

declare module 'next/font/local.js' {
  export * from 'kilnjs/types/next/font/local';
  export { default } from 'kilnjs/types/next/font/local';
}
