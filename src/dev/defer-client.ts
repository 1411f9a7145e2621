/**
 * Holds back the browser environment's start (its HMR channel and dependency pre-bundling) until
 * `until` settles. On a cold start, pre-bundling React for the browser competed with loading the
 * server entries for the same CPU, and the browser needs those bundles only after it has a page.
 */
import { DevEnvironment, type Plugin } from 'vite';

export function deferClientEnvironment(until: Promise<unknown>): Plugin {
  return {
    name: 'kiln:defer-client',
    apply: 'serve',
    config: () => ({
      environments: {
        client: {
          dev: {
            // Vite's own client environment, as its default factory makes it.
            createEnvironment(name, config, context) {
              const environment = new DevEnvironment(name, config, { hot: true, transport: context.ws });
              const listen = environment.listen.bind(environment);
              environment.listen = async (server) => {
                void until.finally(() => listen(server));
              };
              return environment;
            },
          },
        },
      },
    }),
  };
}
