/**
 * Puts a kept page's files into the fresh output as hard links to the previous output's: no
 * bytes copied, and the previous output keeps serving, untouched, until the swap. Across file
 * systems (or where links are refused) the files are copied.
 */
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { createFolderMaker, linkOrCopy } from '../writer.ts';

export interface Linker {
  /** False when a file of the page is gone from the previous output: it must be rendered. */
  keep(files: readonly string[]): boolean;
}

/** `previous(file)`: where an output-relative file of the new output was in the previous one. */
export function createLinker(previous: (file: string) => string, outDir: string): Linker {
  const makeFolders = createFolderMaker(outDir);
  return {
    keep(files) {
      makeFolders(files);
      const done: string[] = [];
      for (const file of files) {
        const to = path.join(outDir, file);
        try {
          linkOrCopy(previous(file), to);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          // The page is rendered instead: its writes must not go through a link into the previous output.
          for (const linked of done) unlinkSync(linked);
          return false;
        }
        done.push(to);
      }
      return true;
    },
  };
}
