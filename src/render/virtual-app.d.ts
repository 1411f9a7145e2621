/** The one virtual module through which the app's route files reach the entries (see src/vite/virtual-app.ts). */
declare module 'virtual:kiln/app' {
  /** Project-relative app folder: `app` or `src/app`. */
  export const appDir: string;
  /** next.config's `pageExtensions` (`tsx`, `mdx`, …): which special files are routes. */
  export const pageExtensions: readonly string[];
  /** Root-absolute special-file paths (`/app/blog/page.tsx`) → lazy importers. */
  export const modules: Record<string, () => Promise<Record<string, unknown>>>;
  /** Root-absolute metadata files (`/app/icon.png`, `/app/icon.tsx`) → what the head needs of them. */
  export const metadataFiles: Record<string, import('./metadata-files.ts').MetadataFileInfo>;
  /** Root-absolute metadata modules (`/app/robots.ts`) → lazy importers. */
  export const metadataModules: Record<string, () => Promise<Record<string, unknown>>>;
  /** The middleware file (`/middleware.ts`, `/src/proxy.ts`), if the app has one → lazy importer. */
  export const middlewareModules: Record<string, () => Promise<Record<string, unknown>>>;
}
