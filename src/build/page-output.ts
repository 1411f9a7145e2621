/**
 * A rendered page as the files the writer gets, from the names `output/page-files.ts` gives it.
 * Each page's bytes are written once: with a static export, where the export serves them, and
 * hard-linked into `pages/` for `kiln start`.
 */
import type { PageFiles } from '../output/page-files.ts';
import { notFoundFiles } from '../output/page-files.ts';
import type { ExportLayout } from '../output/export-files.ts';
import type { OutputFile } from './writer.ts';

export function pageOutputFiles(files: PageFiles, html: Uint8Array, rsc: Uint8Array): OutputFile[] {
  if (!files.exported) {
    return [
      { path: files.html, data: html },
      { path: files.rsc, data: rsc },
    ];
  }
  return [
    { path: files.exported.html, data: html, links: [files.html] },
    { path: files.exported.rsc, data: rsc, links: [files.rsc] },
  ];
}

export function notFoundOutputFile(html: Uint8Array, exportLayout?: ExportLayout): OutputFile {
  const files = notFoundFiles(exportLayout);
  return files.exported ? { path: files.exported, data: html, links: [files.html] } : { path: files.html, data: html };
}
