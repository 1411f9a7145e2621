/** `create-kilnjs`: picks the folder, refuses one that is in use, writes the app, says what next. */
import path from 'node:path';
import { askFolder } from './ask.js';
import { parseCommandLine, USAGE } from './args.js';
import { DEFAULT_FOLDER, packageNameFor, unusableReason } from './target.js';
import { KILN_VERSION } from './versions.js';
import { writeApp } from './write-app.js';

/**
 * @param {string[]} argv the arguments after the command name
 * @returns {Promise<number>} the exit code
 */
export async function main(argv) {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // Scripts and CI have no one to answer, so only a terminal on both ends is asked.
  const interactive = !options.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const folder = options.folder ?? (interactive ? await askFolder(DEFAULT_FOLDER) : DEFAULT_FOLDER);
  const dir = path.resolve(folder);
  const reason = unusableReason(dir);
  if (reason) return fail(`${folder} ${reason}; choose a new folder name or empty it first.`);

  writeApp(dir, packageNameFor(dir));
  const shown = path.relative(process.cwd(), dir) || '.';
  console.log(`Created ${shown} with Kiln ${KILN_VERSION}.

Next steps:
${shown === '.' ? '' : `  cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}\n`}  npm install
  npm run dev      # http://localhost:3000, reloads as you edit
  npm run build    # prerenders every page into dist/
  npm start        # serves the build`);
  return 0;
}

/** @param {string} message */
function fail(message) {
  console.error(`create-kilnjs: ${message}`);
  return 1;
}
