/** The one question the scaffolder asks, and only on a terminal. */
import { createInterface } from 'node:readline/promises';

/**
 * @param {string} fallback the answer an empty reply means
 * @returns {Promise<string>}
 */
export async function askFolder(fallback) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`Folder for the new app (${fallback}): `)).trim();
    return answer || fallback;
  } finally {
    rl.close();
  }
}
