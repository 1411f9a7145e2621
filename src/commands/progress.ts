import type { BuildProgress } from '../build/types.ts';

/**
 * The build's progress display: one line rewritten in place on a terminal, plain lines at most
 * once a second in CI logs and pipes (so a 100,000-page build does not print 100,000 lines).
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr) {
  const live = stream.isTTY === true && !process.env.CI;
  let last = 0;
  let phase: BuildProgress['phase'] | undefined;
  let shown = false;

  const line = (event: BuildProgress): string => {
    if (event.phase === 'bundle') return 'bundling with Vite…';
    if (event.phase === 'finish') return `prerendered ${event.pages} page${event.pages === 1 ? '' : 's'}, writing the manifest…`;
    if (event.pages === 0) return 'calling generateStaticParams and prerendering…';
    const of = event.total !== undefined ? `/${event.total}` : '';
    const rate = event.pagesPerSecond > 0 ? ` · ${Math.round(event.pagesPerSecond)} pages/s` : '';
    return `prerendering ${event.pages}${of} pages${rate}`;
  };

  return {
    update(event: BuildProgress): void {
      const now = Date.now();
      const changed = event.phase !== phase;
      phase = event.phase;
      if (!changed && now - last < (live ? 100 : 1000)) return;
      last = now;
      if (live) {
        stream.write(`\r\u001b[2K${line(event)}`);
        shown = true;
      } else {
        stream.write(`${line(event)}\n`);
      }
    },
    /** Clears the live line so the report starts on a clean line. */
    done(): void {
      if (live && shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
