import { isKilnError } from '../errors.ts';
import { paint } from './paint.ts';
import { UsageError } from './args.ts';

/**
 * Prints an error the way a user should see it: the catalog message, then the user's own stack
 * when their code threw (that is where they will look), and Kiln's internals only with --debug.
 */
export function printError(error: unknown, { debug }: { debug: boolean }): void {
  if (isKilnError(error)) {
    console.error(`${paint.red('error')} ${error.message}`);
    const cause = error.cause;
    // A message that holds the stack already (a render error) is not followed by it again.
    const stackShown = typeof error.details.stack === 'string';
    if (cause instanceof Error && cause.stack && error.details.userCode !== false && !stackShown) {
      console.error(paint.dim(indent(cause.stack)));
    }
    if (debug && error.stack) console.error(paint.dim(indent(error.stack)));
    return;
  }
  if (error instanceof UsageError) {
    console.error(`${paint.red('error')} ${error.message}`);
    return;
  }
  if (error instanceof Error) {
    console.error(`${paint.red('error')} ${error.message}`);
    if (error.stack) console.error(paint.dim(indent(error.stack)));
    return;
  }
  console.error(`${paint.red('error')} ${String(error)}`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
