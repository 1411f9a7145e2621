import type { DevEnvironment } from 'vite';
import type { ModuleRunnerHmr } from 'vite/module-runner';

/**
 * The HMR logger of `kiln dev`'s server module runners. Vite's own prints "Internal Server
 * Error" with the compiler's message and its internal stack whenever an edit leaves a server
 * module that does not compile. Kiln reports that error itself, once, naming the file with its
 * code frame, when the page is next rendered (which the browser does at once after an edit), so
 * the runner's copy is left out; its other messages go to Vite's log as before.
 */
export function runnerHmrLogger(environment: DevEnvironment): ModuleRunnerHmr['logger'] {
  return {
    debug: (...msg: unknown[]) => environment.logger.info(msg.join(' '), { timestamp: true }),
    error: () => {},
  };
}
