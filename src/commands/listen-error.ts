import { kilnError } from '../errors.ts';

/**
 * A server that could not listen because the port is taken or privileged, as one catalog error
 * naming the port and the `--port` flag; any other error as it is.
 */
export function listenError(error: unknown, where: { command: string; port: number; host: string | undefined }): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return error;
  return kilnError(
    'SERVER_PORT_UNAVAILABLE',
    { ...where, reason: code === 'EADDRINUSE' ? 'in-use' : 'privileged', userCode: false },
    { cause: error },
  );
}
