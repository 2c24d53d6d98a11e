// A small static server for dist/ on loopback, as docs/DEPLOY.md asks a host to be: the right
// MIME types, a fresh CSP nonce per page (Trunk's create_nonce placeholder), and a strict
// Content-Security-Policy with no 'unsafe-inline' and no 'unsafe-eval'.
// Usage: node tests/e2e/serve.mjs [port] [dir] [public-url-prefix]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize, resolve } from 'node:path';

const port = Number(process.argv[2] ?? 8089);
const root = resolve(process.argv[3] ?? 'dist');
const prefix = process.argv[4] ?? '/';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};
const PLACEHOLDER = '{{__TRUNK NONCE__}}';

export function csp(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

// Long addresses (a share link's #script= stays in the browser, but hostile queries do not).
createServer({ maxHeaderSize: 256 * 1024 }, async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!url.pathname.startsWith(prefix)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  let path = normalize(decodeURIComponent(url.pathname.slice(prefix.length - 1)));
  if (path.endsWith('/')) path += 'index.html';
  const file = join(root, path);
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    let body = await readFile(file);
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream' };
    if (extname(file) === '.html') {
      const nonce = randomBytes(16).toString('base64');
      body = body.toString('utf8').replaceAll(PLACEHOLDER, nonce);
      headers['content-security-policy'] = csp(nonce);
      headers['cache-control'] = 'no-cache';
    } else {
      headers['cache-control'] = 'public, max-age=31536000, immutable';
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`));
