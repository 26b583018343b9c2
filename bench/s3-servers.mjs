// Child process for bench/s3.mjs: starts one server and prints how to reach it as one JSON line.
//   node bench/s3-servers.mjs iamd <dir>  — iamd from dist/, SQLite and file blobs under <dir>, bucket `bench`
//   node bench/s3-servers.mjs bare <dir>  — a bare node:http server: GET /<name> streams the file <dir>/<name>;
//                                          PUT /<name> streams the body to a temp file, fsyncs it and renames it
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const [kind, dir] = process.argv.slice(2);
if (kind === 'bare') {
  let next = 0;
  const server = createServer(async (req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(1)));
    try {
      if (req.method === 'PUT') {
        const tmp = join(dir, `.tmp-${process.pid}-${next++}`);
        await pipeline(req, createWriteStream(tmp));
        const handle = await open(tmp, 'r');
        await handle.sync();
        await handle.close();
        await rename(tmp, path);
        res.writeHead(200, { etag: '"bare"', 'content-length': 0 });
        res.end();
      } else {
        const { size } = await stat(path);
        res.writeHead(200, { 'content-type': 'binary/octet-stream', 'content-length': size });
        await pipeline(createReadStream(path), res);
      }
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
  });
} else if (kind === 'iamd') {
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/index.js');
  const app = await startApp({
    config: loadConfig({ port: 0, storage: 'sqlite', dataDir: dir, logLevel: 'silent' }, process.env),
  });
  const root = app.bootstrap;
  await app.services.s3.createBucket('000000000000', { Bucket: 'bench' });
  process.stdout.write(
    `${JSON.stringify({ url: app.url, accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey })}\n`,
  );
} else {
  process.stderr.write('usage: s3-servers.mjs iamd|bare <dir>\n');
  process.exit(2);
}
