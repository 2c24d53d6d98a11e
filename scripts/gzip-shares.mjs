// What each part of a wasm file costs in gzip -9 bytes (make size). twiggy counts raw bytes,
// but the budget counts gzip, and code that repeats compresses far better than code that does
// not: 19 KB of sort code cost 7 KB of gzip, and 115 KB of Yew views 42 KB.
//
// Usage: node scripts/gzip-shares.mjs FILE.wasm [TOP]
// FILE must keep its name section (wasm-opt -g), with v0-mangled names (generic arguments
// spelled out), as `make size` builds it. Each function body is compressed with the 32 KB
// before it as deflate's dictionary, which is what gzip's window sees at that point; the
// figures add up to about 5 % more than the file's real gzip size, since each piece is
// compressed apart.
import { readFileSync } from 'node:fs';
import { deflateRawSync, gzipSync, constants } from 'node:zlib';
import { readWasm } from './wasm-reader.mjs';

const [file, topArg] = process.argv.slice(2);
const bytes = readFileSync(file);
const { bodies, data, names, importedFunctions: imported } = readWasm(bytes);
if (names.size === 0) { console.error(`${file} has no name section: build it with wasm-opt -g`); process.exit(1); }

// The part a function belongs to: the app's module (or mode), the model's module, else the crate.
const clean = (n) => n.replace(/\[[0-9a-f]+\]/g, '');
function part(name) {
  const n = clean(name);
  if (/slice::sort::/.test(n)) return 'core: sorting';
  if (/^core::ptr::drop_in_place/.test(n)) return 'drop glue';
  const web = n.match(/slotscope_web::(modes::\w+|\w+)/);
  if (web) return `app: ${web[1]}`;
  const model = n.match(/slotscope_model::(\w+)/);
  if (model) return `model: ${model[1]}`;
  const crate = n.match(/^<?&?(?:mut )?(?:dyn )?([a-z_][a-z0-9_]*)/);
  return crate ? crate[1] : 'other';
}

const WINDOW = 32 * 1024;
const stream = Buffer.concat([...bodies, data ?? Buffer.alloc(0)]);
const cost = (from, to) => {
  const opts = { level: 9, memLevel: 9 };
  if (from > 0) opts.dictionary = stream.subarray(Math.max(0, from - WINDOW), from);
  return deflateRawSync(stream.subarray(from, to), opts).length;
};
const rows = []; let at = 0;
bodies.forEach((body, i) => { rows.push([cost(at, at + body.length), body.length, names.get(imported + i) ?? `function ${imported + i}`]); at += body.length; });
if (data) rows.push([cost(at, at + data.length), data.length, 'data (strings, tables, vtables)']);

const total = rows.reduce((a, r) => a + r[0], 0);
const shares = new Map();
for (const [gz, raw, name] of rows) {
  const k = name.startsWith('data (') ? name : part(name);
  const s = shares.get(k) ?? [0, 0, 0];
  shares.set(k, [s[0] + gz, s[1] + raw, s[2] + 1]);
}
const pad = (x, w) => String(x).padStart(w);
console.log(`${file}: ${bytes.length} bytes, gzip -9 ${gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length}; code and data attributed below: ${total}`);
console.log(`\n${pad('gzip', 7)} ${pad('raw', 7)} ${pad('fns', 5)}  part`);
for (const [k, [gz, raw, n]] of [...shares].sort((a, b) => b[1][0] - a[1][0]).slice(0, 40)) console.log(`${pad(gz, 7)} ${pad(raw, 7)} ${pad(n, 5)}  ${k}`);
console.log(`\n${pad('gzip', 7)} ${pad('raw', 7)}  largest functions`);
for (const [gz, raw, name] of rows.sort((a, b) => b[0] - a[0]).slice(0, Number(topArg ?? 30))) console.log(`${pad(gz, 7)} ${pad(raw, 7)}  ${clean(name).slice(0, 150)}`);
