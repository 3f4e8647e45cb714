/**
 * Small dependency-free static file server for bering-chart.
 *
 * Used by the browser tests, the benchmark and `make preview`.
 *
 *   import { startServer } from './serve.mjs';
 *   const srv = await startServer({ root: 'dist', port: 0, host: '127.0.0.1',
 *                                   gzip: false, mounts: { '/tests/browser/pages/': 'tests/browser/pages' } });
 *   // srv.url === 'http://127.0.0.1:PORT'; await srv.close();
 *
 * CLI: node tools/serve.mjs --root dist --port 8000 [--host 127.0.0.1] [--gzip]
 *
 * - `root` and mount targets are paths relative to the process cwd, or absolute.
 * - `mounts` maps a URL prefix (ending in '/') to a folder; the longest prefix wins.
 * - GET and HEAD only; every response has `Cache-Control: no-store`.
 * - A directory URL serves its index.html; a URL that resolves outside its folder
 *   (path traversal) or names no file gets 404.
 * - With `gzip: true`, compressible types are gzipped (node:zlib) when the request
 *   sends `Accept-Encoding: gzip`.
 */
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const gzipAsync = promisify(zlib.gzip);

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.htm', '.js', '.mjs', '.json', '.wasm', '.svg', '.css', '.csv', '.txt', '.map']);

/** Resolve a URL path under `base`; returns null if it would escape `base`. */
function resolveUnder(base, rel) {
  const file = path.resolve(base, '.' + path.posix.sep + rel);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

export async function startServer({ root = 'dist', port = 0, host = '127.0.0.1', gzip = false, mounts = {} } = {}) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  table.push(['/', path.resolve(root)]);

  const server = http.createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'method not allowed\n', { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      } catch {
        return send(400, 'bad request\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      if (pathname.includes('\0')) return send(404, 'not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      const [prefix, base] = table.find(([p]) => pathname.startsWith(p)) ?? [];
      let file = base && resolveUnder(base, pathname.slice(prefix.length));
      if (!file) return send(404, 'not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      let stat = await fs.stat(file).catch(() => null);
      if (stat?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          const u = new URL(req.url, 'http://x');
          return send(301, '', { Location: u.pathname + '/' + u.search });
        }
        file = path.join(file, 'index.html');
        stat = await fs.stat(file).catch(() => null);
      }
      if (!stat?.isFile()) return send(404, 'not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      const ext = path.extname(file).toLowerCase();
      const headers = { 'Content-Type': MIME[ext] ?? 'application/octet-stream', Vary: 'Accept-Encoding' };
      let body = await fs.readFile(file);
      if (gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = await gzipAsync(body);
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = body.length;
      send(200, body, headers);
    } catch (err) {
      if (!res.headersSent) send(500, 'internal error\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      else res.destroy(err);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  const actual = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}

function parseArgs(argv) {
  const opts = { root: 'dist', port: 8000, host: '127.0.0.1', gzip: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--gzip') opts.gzip = true;
    else if (a === '--root') opts.root = argv[++i];
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--host') opts.host = argv[++i];
    else throw new Error(`unknown argument: ${a}\nusage: node tools/serve.mjs --root DIR --port N [--host H] [--gzip]`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const srv = await startServer(opts);
    console.log(`serving ${path.resolve(opts.root)} at ${srv.url}/${opts.gzip ? ' (gzip)' : ''}`);
    const stop = () => srv.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
}
