/**
 * `node bench/static-server.js FILE` — the bare baseline for `npm run bench -- --serve`: the
 * simplest honest static file server. Every request stats the file and streams it with
 * `fs.createReadStream`, with a content type and length, whatever the URL; no cache, no ETag.
 * Listens on a free port on 127.0.0.1 and prints its URL.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/static-server.js FILE');
  process.exit(1);
}

const server = createServer(async (req, res) => {
  try {
    const { size } = await stat(file);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': size });
    createReadStream(file).pipe(res);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`static serving ${file} at http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
