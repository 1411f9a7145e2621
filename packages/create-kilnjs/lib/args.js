/** The command line of `create-kilnjs [folder] [--yes]`, parsed with Node's own parser. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm create kilnjs@latest [folder] [-- --yes]

Creates a Kiln app in folder (asked for when omitted on a terminal; my-kiln-app otherwise).

Options:
  -y, --yes   ask nothing, use the defaults
  -h, --help  show this help`;

/**
 * @param {string[]} argv
 * @returns {{ folder: string | undefined, yes: boolean, help: boolean }}
 */
export function parseCommandLine(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 1) throw new Error(`expected one folder name, got ${positionals.length}: ${positionals.join(' ')}`);
  return { folder: positionals[0], yes: values.yes === true, help: values.help === true };
}
