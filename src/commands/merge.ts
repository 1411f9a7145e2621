import type { Command } from './command.ts';
import { parseFoldersArgs } from './args.ts';
import { mergeShards } from '../build/merge.ts';
import { paint } from './paint.ts';

export const command: Command = {
  usage: `Usage: kiln merge <shard-folder>... [--out dist] [--export-out out]

Joins the outputs of a sharded build (kiln build --shard i/n --out <shard-folder>, one per
shard, usually on n machines) into the one output a one-machine build writes, byte for byte.
Every shard from 1 to n must be given exactly once, and all must come from the same bundle.
The output goes to a fresh folder that replaces the previous one only when the merge succeeded.

  --out DIR          the merged output folder (default: dist)
  --export-out DIR   where the merged static export goes, when the shards made one
                     (output: 'export' or --export; default: out)

Folders are relative to the current folder.`,

  async run(args) {
    const { folders, values } = parseFoldersArgs('merge', args, {
      out: { type: 'string' },
      'export-out': { type: 'string' },
    });
    const result = await mergeShards({ folders, outDir: values.out, exportDir: values['export-out'], removePrevious: 'background' });
    const lines = [
      `merged ${result.shards} shard${result.shards === 1 ? '' : 's'}: ${result.pages} prerendered path${result.pages === 1 ? '' : 's'}, ${result.files} files, build ${result.buildId} in ${(result.ms / 1000).toFixed(2)}s`,
      `${paint.green('✓')} built ${result.outDir}`,
    ];
    if (result.exported) lines.push(`${paint.green('✓')} exported ${result.exported.files} files to ${result.exported.dir}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
