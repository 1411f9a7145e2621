/** ANSI colours only on a colour terminal; plain text in CI logs and pipes. */
const enabled =
  process.stdout.isTTY === true && !process.env.NO_COLOR && !process.env.CI && process.env.TERM !== 'dumb';

const wrap = (open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export const paint = {
  enabled,
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
