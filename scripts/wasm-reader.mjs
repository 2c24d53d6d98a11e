// The one wasm binary reader of the build scripts and benchmarks (post-build.mjs,
// gzip-shares.mjs, bench/web.mjs): the sections, the imports, the function bodies, the data
// section and the function names.

/** LEB128, unsigned, as the wasm binary format writes its sizes and indices. */
export const uleb = (n) => {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
};

/**
 * Reads `bytes` (a Buffer). Returns every section's id and byte range; the imports, each with
 * its module, field, kind and the byte range of its descriptor (what follows the two names);
 * how many imports are functions (function indices count them first); the function bodies in
 * order; the data section's bytes; and the function names by index, if a name section is there.
 */
export function readWasm(bytes) {
  let p = 8;
  const leb = () => { let r = 0, shift = 0, b; do { b = bytes[p++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return r; };
  const str = () => { const len = leb(); const s = bytes.subarray(p, p + len).toString(); p += len; return s; };
  const sections = []; const imports = []; const bodies = []; const names = new Map(); let data = null;
  while (p < bytes.length) {
    const id = bytes[p++]; const size = leb(); const start = p; const end = p + size;
    sections.push({ id, start, end });
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        const module = str(); const field = str(); const descStart = p;
        const kind = bytes[p++];
        const limits = () => { const flags = bytes[p++]; leb(); if (flags & 1) leb(); };
        if (kind === 0) leb(); // a function: its type index
        else if (kind === 1) { p++; limits(); } // a table: element type, limits
        else if (kind === 2) limits(); // a memory
        else if (kind === 3) p += 2; // a global: value type, mutability
        else { p++; leb(); } // a tag: attribute, type index
        imports.push({ module, field, kind, descStart, descEnd: p });
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) { const len = leb(); bodies.push(bytes.subarray(p, p + len)); p += len; }
    } else if (id === 11) {
      data = bytes.subarray(start, end);
    } else if (id === 0 && str() === 'name') {
      while (p < end) {
        const sub = bytes[p++]; const subEnd = leb() + p;
        if (sub === 1) for (let n = leb(); n > 0; n--) { const idx = leb(); names.set(idx, str()); }
        p = subEnd;
      }
    }
    p = end;
  }
  const importedFunctions = imports.filter((i) => i.kind === 0).length;
  return { sections, imports, importedFunctions, bodies, data, names };
}
