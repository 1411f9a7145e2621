/**
 * Server Actions (`"use server"`) need an endpoint that runs them on request, which Kiln does not
 * have. An app that has some still builds (they are often a small part of it), and each module
 * that declares them is named once in a warning, so the gap shows at build time rather than as a
 * broken form in the browser.
 */
import type { Plugin } from 'vite';
import path from 'node:path';
import { kilnError } from '../errors.ts';
import { projectPath } from './paths.ts';

/** The directive, at the top of a module or of a function body, alone on its line. */
const USE_SERVER = /(?:^|\{)[ \t]*(["'])use server\1[ \t]*;?[ \t]*$/m;

export function serverActionsNotice(root: () => string, warn: (message: string) => void): Plugin {
  const named = new Set<string>();
  return {
    name: 'kiln:server-actions-notice',
    enforce: 'pre',
    transform: {
      filter: { id: { include: /\.[cm]?[jt]sx?$/, exclude: /[/\\]node_modules[/\\]/ } },
      handler(code, id) {
        const file = id.split('?')[0];
        // The app's own modules only: Kiln's and the dependencies' are not the user's to change.
        const shown = projectPath(root(), file);
        if (path.isAbsolute(shown) || named.has(file) || !USE_SERVER.test(code)) return null;
        named.add(file);
        warn(kilnError('SERVER_ACTIONS_UNSUPPORTED', { file: shown }).message);
        return null;
      },
    },
  };
}
