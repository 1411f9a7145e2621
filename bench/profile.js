/**
 * Summarises a V8 `.cpuprofile` (from `npm run bench -- --cpu-prof DIR`): self time by
 * function and by package or file, so the largest costs are visible without a GUI.
 * Usage: node bench/profile.js FILE.cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '30' }, inclusive: { type: 'string', multiple: true, default: [] } },
  allowPositionals: true,
});
const top = Number(values.top);
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map();
  const byPlace = new Map();
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const place = placeOf(f.url);
    const fn = `${f.functionName || '(anonymous)'} ${place}:${f.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const show = (title, map, limit = top) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
    }
  };
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  show('self time by package or file', byPlace);
  show('self time by function', byFn);
  if (values.inclusive.length > 0) {
    // Inclusive time of functions whose name matches: samples with such a frame on the stack.
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const incl = new Map();
    for (const [id, us] of self) {
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at).callFrame.functionName;
        for (const want of values.inclusive) {
          if (name === want && !seen.has(want)) {
            seen.add(want);
            incl.set(want, (incl.get(want) ?? 0) + us);
          }
        }
      }
    }
    show("inclusive time of the named functions", incl, Infinity);
  }
}

function placeOf(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const parts = url.split('/');
  return parts.slice(-3).join('/');
}
