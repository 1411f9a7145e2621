import { describe, expect, it } from 'vitest';
import { commonJsToEsm } from './app-commonjs.ts';

/** Runs the converted module with its imports given as namespaces. */
async function run(code: string, imports: Record<string, Record<string, unknown>> = {}): Promise<Record<string, unknown>> {
  const esm = commonJsToEsm(code, 'lib/x.js');
  if (esm === null) throw new Error('not converted');
  const lines = esm.replace(/import \* as (\w+) from ("[^"]*");/g, (_, local: string, spec: string) => `const ${local} = __imports[${spec}];`);
  const exported: Record<string, unknown> = {};
  const body = lines
    .replace(/export default ([^;]+);/, 'exported.default = $1;')
    .replace(/export const (\w+) = ([^;]+);/g, 'exported.$1 = $2;');
  new Function('__imports', 'exported', body)(imports, exported);
  return exported;
}

describe('commonJsToEsm', () => {
  it('leaves ES modules alone', () => {
    expect(commonJsToEsm("import a from 'a';\nexport const b = a;", 'x.js')).toBeNull();
    expect(commonJsToEsm('export default 1; module.exports = 2;', 'x.js')).toBeNull();
  });

  it('makes module.exports the default export and its literal keys named exports', async () => {
    const m = await run("module.exports = { name: 'site', posts: ['a'], 'two words': 1, [computed]: 2 };\nvar computed = 'c';");
    expect(m.default).toEqual({ name: 'site', posts: ['a'], 'two words': 1, undefined: 2 });
    expect(m.name).toBe('site');
    expect(m.posts).toEqual(['a']);
    expect(Object.keys(m).sort()).toEqual(['default', 'name', 'posts']);
  });

  it('exports names assigned to exports and module.exports', async () => {
    const m = await run('exports.a = 1;\nmodule.exports.b = 2;\nexports["c"] = 3;');
    expect(m.default).toEqual({ a: 1, b: 2, c: 3 });
    expect([m.a, m.b, m.c]).toEqual([1, 2, undefined]);
  });

  it('turns literal requires into imports, giving module.exports for CommonJS namespaces', async () => {
    const cjs = { titleCase: (s: string) => s.toUpperCase() };
    const m = await run("const { titleCase } = require('./text.js');\nconst esm = require('./esm.js');\nmodule.exports = { t: titleCase('x'), e: esm.value };", {
      './text.js': { default: cjs, titleCase: cjs.titleCase },
      './esm.js': { value: 7 },
    });
    expect(m.default).toEqual({ t: 'X', e: 7 });
  });

  it('keeps the body on its own line numbers', () => {
    const esm = commonJsToEsm("const a = require('a');\nmodule.exports = a;\nthrow new Error('line 3');", 'x.js')!;
    const lines = esm.split('\n');
    expect(lines[2]).toBe("throw new Error('line 3');");
  });

  it('names the file when require() gets a computed name', async () => {
    await expect(run('const name = "fs";\nmodule.exports = require(name);')).rejects.toThrow(
      'lib/x.js calls require() with a computed name (fs); kiln dev can only follow require("literal").',
    );
  });

  it('runs the body with this as module.exports', async () => {
    const m = await run('this.viaThis = true;');
    expect(m.default).toEqual({ viaThis: true });
  });
});
