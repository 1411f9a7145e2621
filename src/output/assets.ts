/**
 * Where the build puts its content-hashed browser bundles (JS, CSS, fonts, images imported by
 * code), relative to the site root: Vite's `build.assetsDir`. They are served with a one-year
 * immutable cache, so they live under `/_kiln/`, the namespace Kiln reserves (as Next.js keeps
 * its bundles under `/_next/static/`): an app's own `public/assets/` then keeps its URLs, its
 * files are never shadowed by a bundle, and they are served as public files that revalidate.
 */
export const ASSETS_DIR = '_kiln/assets';

/** The URL path prefix of every hashed bundle (after next.config's `basePath`, if any). */
export const ASSETS_PREFIX = `/${ASSETS_DIR}/`;
