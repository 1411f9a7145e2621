/**
 * `next/script`: Kiln's `<Script>`. The component lives in `src/client/script.tsx`, a client
 * module, because it adds scripts in the browser and takes `onLoad`-style callbacks.
 */
export { default } from '../client/script.tsx';
export type { ScriptProps, ScriptStrategy } from '../client/script.tsx';
