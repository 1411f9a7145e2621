/**
 * Metadata files that `kiln start` cannot serve as plain public files, kept by the build under
 * `client/_kiln/metadata/` (a path no request reaches directly):
 *
 * - a static file inside a dynamic folder (`app/blog/[slug]/opengraph-image.png`), kept once by
 *   its pattern: every page below the folder links its own URL of it
 *   (`/blog/hello/opengraph-image.png`), pages rendered on demand included;
 * - a generated image (`opengraph-image.tsx`), kept at its URL plus an extension naming its
 *   type, since its URL (`/blog/a/opengraph-image`) has none.
 */
import { GENERATED_IMAGES_DIR, METADATA_PATTERNS_DIR } from '../render/metadata-files.ts';
import { collectMetadataFiles, matchMetadataFile, type MetadataFile } from '../routing/metadata-files.ts';

/** Finds the stored file (relative to `client/`) for a decoded public path (`blog/hello/opengraph-image.png`). */
export type MetadataPatternLookup = (publicPath: string) => string | null;

/** Built from the `client/` file list; null when the build stored none. */
export function metadataPatternLookup(clientFiles: Iterable<string>): MetadataPatternLookup | null {
  const prefix = `${METADATA_PATTERNS_DIR}/`;
  const generatedPrefix = `${GENERATED_IMAGES_DIR}/`;
  const patterns: string[] = [];
  const generated = new Map<string, string>();
  for (const file of clientFiles) {
    if (file.startsWith(generatedPrefix)) {
      const url = file.slice(generatedPrefix.length);
      generated.set(url.slice(0, url.lastIndexOf('.')), file);
    } else if (file.startsWith(prefix)) {
      patterns.push(file.slice(prefix.length));
    }
  }
  if (patterns.length === 0 && generated.size === 0) return null;
  let files: MetadataFile[] = [];
  try {
    files = collectMetadataFiles(patterns, '');
  } catch {
    files = [];
  }
  return (publicPath) => {
    const image = generated.get(publicPath);
    if (image !== undefined) return image;
    const found = matchMetadataFile(files, publicPath.split('/'));
    return found && found.file.source === 'static' ? `${prefix}${found.file.file.replace(/^\.?\//, '')}` : null;
  };
}
