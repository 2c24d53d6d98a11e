// Trunk's post_build hook (Trunk.toml), release builds only. It makes the wasm-bindgen glue
// and the wasm's import section smaller, then writes the glue's new subresource-integrity hash
// into index.html (and drops the wasm preload's, see below):
// - Short import names. wasm-bindgen names each import after its function and a 16-hex-digit
//   hash (`__wbg_createElement_de4a31ed2fb252be`), under the module `./slotscope-web_bg.js`,
//   and spells each name twice, in the wasm and in the JS glue. Random hex does not compress:
//   the names cost about 4 KB of the gzipped bundle. Each import becomes `_` and its position
//   in base 36 (unique, and a valid JS identifier), and the module becomes `w`.
// - The glue minified by terser (about 1.8 KB of gzip). Trunk's own minifier cannot parse it.
// Anything unexpected in the glue stops the build rather than ship a mismatch.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readWasm, uleb } from './wasm-reader.mjs';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR;
const fail = (why) => { console.error(`post-build: ${why}`); process.exit(1); };
if (!dir) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
const wasmFiles = readdirSync(dir).filter((f) => f.endsWith('_bg.wasm'));
if (wasmFiles.length !== 1) fail(`expected one *_bg.wasm in ${dir}, found ${wasmFiles.length}`);
const wasmName = wasmFiles[0];
const jsName = wasmName.replace(/_bg\.wasm$/, '.js');
const wasm = readFileSync(join(dir, wasmName));
let js = readFileSync(join(dir, jsName), 'utf8');

const name = (s) => Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);

const NEW_MODULE = 'w';
const { sections, imports } = readWasm(wasm);
if (imports.length === 0) fail('the wasm has no imports');
const oldModule = imports[0].module;
const renames = imports.map((imp, i) => {
  if (imp.kind !== 0) fail(`import ${imp.module}.${imp.field} is not a function`);
  if (imp.module !== oldModule) fail(`imports from two modules: ${oldModule} and ${imp.module}`);
  return [imp.field, `_${i.toString(36)}`]; // a JS identifier: `_0` … `_z`, `_10` …
});
const importSection = Buffer.concat([uleb(imports.length), ...imports.flatMap((imp, i) =>
  [name(NEW_MODULE), name(renames[i][1]), wasm.subarray(imp.descStart, imp.descEnd)])]);
const parts = [wasm.subarray(0, 8)];
for (const { id, start, end } of sections) {
  const body = id === 2 ? importSection : wasm.subarray(start, end);
  parts.push(Buffer.from([id]), uleb(body.length), body);
}

// The glue's import object: `const import0 = { __proto__: null, NAME: function(…) {…}, … }`,
// returned as `{ "MODULE": import0 }`.
const replaceOnce = (pattern, replacement, what) => {
  const matches = js.match(new RegExp(pattern.source, 'g'));
  if (!matches || matches.length !== 1) fail(`expected ${what} once in ${jsName}, found ${matches ? matches.length : 0}`);
  js = js.replace(pattern, replacement);
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
for (const [field, short] of renames) replaceOnce(new RegExp(`(\\n\\s+)${escape(field)}(: function\\b)`), `$1${short}$2`, `the import ${field}`);
replaceOnce(new RegExp(`"${escape(oldModule)}": import0`), `"${NEW_MODULE}": import0`, `the module "${oldModule}"`);

const { minify } = await import('terser'); // only release builds need it
const minified = await minify(js, { module: true, compress: true, mangle: true, format: { comments: false } });
if (!minified.code) fail(`terser gave no output for ${jsName}`);
const jsBefore = js.length;
js = minified.code;

const newWasm = Buffer.concat(parts);
writeFileSync(join(dir, wasmName), newWasm);
writeFileSync(join(dir, jsName), js);

// index.html's subresource-integrity hash of the rewritten glue. The wasm's preload loses its
// hash: Chromium ignores `integrity` on an `as="fetch"` preload and warns about it in the
// console on every load (of every page that embeds the app), and the glue's own fetch of the
// module carries no hash to check either.
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
for (const [file, bytes] of [[wasmName, null], [jsName, Buffer.from(js)]]) {
  let found = 0;
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    if (!tag.includes(`${file}"`) || !/integrity="/.test(tag)) return tag;
    found++;
    return bytes ? tag.replace(/integrity="[^"]*"/, `integrity="${sri(bytes)}"`) : tag.replace(/ integrity="[^"]*"/, '');
  });
  if (found === 0) fail(`no <link> with an integrity hash for ${file} in index.html`);
}
writeFileSync(htmlPath, html);
console.log(`post-build: ${renames.length} imports renamed, ${wasmName} ${wasm.length} -> ${newWasm.length} bytes; ${jsName} minified, ${jsBefore} -> ${js.length} bytes`);
