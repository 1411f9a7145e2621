/**
 * Static metadata files inside dynamic folders (`app/blog/[slug]/opengraph-image.png`) for
 * `kiln start`. Every page below such a folder links its own URL of the file
 * (`/blog/hello/opengraph-image.png`), pages rendered on demand included, so the build keeps one
 * copy under `client/_kiln/metadata/<pattern>` (a path no request reaches directly) and the
 * server answers every URL the pattern matches from it.
 */
import { METADATA_PATTERNS_DIR } from '../render/metadata-files.ts';
import { collectMetadataFiles, matchMetadataFile, type MetadataFile } from '../routing/metadata-files.ts';

/** Finds the stored file for a decoded public path (`blog/hello/opengraph-image.png`). */
export type MetadataPatternLookup = (publicPath: string) => string | null;

/** Built from the `client/` file list; null when the build stored none. */
export function metadataPatternLookup(clientFiles: Iterable<string>): MetadataPatternLookup | null {
  const prefix = `${METADATA_PATTERNS_DIR}/`;
  const stored = [...clientFiles].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  if (stored.length === 0) return null;
  let files: MetadataFile[];
  try {
    files = collectMetadataFiles(stored, '');
  } catch {
    return null;
  }
  return (publicPath) => {
    const found = matchMetadataFile(files, publicPath.split('/'));
    return found && found.file.source === 'static' ? `${prefix}${found.file.file.replace(/^\.?\//, '')}` : null;
  };
}
