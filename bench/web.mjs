// make bench-web: browser figures for SlotScope's release build, in Debian's headless Chromium
// against dist/ on loopback (tests/e2e/serve.mjs, strict CSP included). Each figure runs 5
// times, the load figures 15 (they vary by ±25 % from load to load on a 2-core machine); the
// median and the spread (min to max) are printed. Figures, not pass/fail.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWasm } from '../scripts/wasm-reader.mjs';

const RUNS = 5;
const LOAD_RUNS = 15;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'];

function serve(port, dir) {
  const child = spawn('node', ['tests/e2e/serve.mjs', String(port), dir], { stdio: 'ignore' });
  return child;
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await sleep(100);
  }
  throw new Error(`no server at ${url}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs, unit) => `${median(xs).toFixed(1)} ${unit} (spread ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;

/**
 * Loads a page, waits for its first rendered view, clicks, and waits for the click's effect;
 * returns the times of the view and of the effect, from navigation start.
 */
async function visit(page, url, rendered, click, changed) {
  await page.goto(url);
  await page.waitForSelector(rendered);
  const first = await page.evaluate(() => performance.now());
  await page.click(click);
  if (changed) await page.waitForFunction(changed);
  return [first, await page.evaluate(() => performance.now())];
}

/** Navigation start to the first rendered view, and to the first click handled. */
async function load(browser, ...args) {
  const page = await browser.newPage();
  const times = await visit(page, ...args);
  await page.close();
  return times;
}

/**
 * The main thread's busy time over the same span, from other loads (measuring perturbs the
 * timing): Chromium's TaskDuration, every task the page's main thread ran, Playwright's own
 * probes included. It counts the work the load does, not the waiting between.
 */
async function busy(browser, ...args) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await visit(page, ...args);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
}

/** The size of each function body in a wasm file, by function index (imports first). */
function functionSizes(bytes) {
  const { bodies, importedFunctions } = readWasm(bytes);
  return new Map(bodies.map((body, i) => [importedFunctions + i, body.length]));
}

/** The wasm functions V8 compiles lazily, on first call, during the load figure's span. */
async function lazyCompiles(browser, url, dir, rendered, click) {
  const sizes = functionSizes(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.wasm')))));
  const page = await browser.newPage();
  const trace = join(mkdtempSync(join(tmpdir(), 'slotscope-trace-')), 'trace.json');
  await browser.startTracing(page, { path: trace, categories: ['v8.wasm'] });
  await visit(page, url, rendered, click);
  await sleep(200);
  await browser.stopTracing();
  await page.close();
  const compiles = JSON.parse(readFileSync(trace)).traceEvents.filter((e) => e.name === 'wasm.CompileLazy');
  rmSync(join(trace, '..'), { recursive: true });
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  return {
    functions: compiles.length,
    of: sizes.size,
    bytes: compiles.reduce((a, e) => a + (sizes.get(e.args.func_index) ?? 0), 0),
    total,
    ms: compiles.reduce((a, e) => a + e.dur, 0) / 1000,
  };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const app = serve(8097, 'dist');
const hello = serve(8098, 'dist-hello');
try {
  await waitFor('http://127.0.0.1:8097/');
  await waitFor('http://127.0.0.1:8098/');
  const rows = [];

  // Load: SlotScope and the hello-world counter, alternately, in the same run.
  const appPage = ['http://127.0.0.1:8097/', '[data-node="A"]', 'text=Next step'];
  const counterPage = ['http://127.0.0.1:8098/', 'button', 'button'];
  const appStepped = () => document.querySelector('[data-testid=counter]')?.textContent === 'Step 1 of 7';
  const counted = () => document.querySelector('[data-testid=count]')?.textContent === '1';
  const ours = [[], [], []];
  const base = [[], [], []];
  for (let i = 0; i < LOAD_RUNS; i++) {
    (await load(browser, ...appPage, appStepped)).forEach((x, k) => ours[k].push(x));
    (await load(browser, ...counterPage, counted)).forEach((x, k) => base[k].push(x));
  }
  for (let i = 0; i < RUNS; i++) {
    ours[2].push(await busy(browser, ...appPage, appStepped));
    base[2].push(await busy(browser, ...counterPage, counted));
  }
  rows.push(['load: first cluster view', fmt(ours[0], 'ms')]);
  rows.push(['load: interactive (first step click handled)', fmt(ours[1], 'ms')]);
  rows.push(['hello-world counter: first render', fmt(base[0], 'ms')]);
  rows.push(['hello-world counter: interactive', fmt(base[1], 'ms')]);
  rows.push(['ratio to hello-world (interactive)', `${(median(ours[1]) / median(base[1])).toFixed(2)}×`]);
  rows.push(['load: main-thread busy time', fmt(ours[2], 'ms')]);
  rows.push(['hello-world counter: main-thread busy time', fmt(base[2], 'ms')]);
  rows.push(['ratio to hello-world (main-thread busy)', `${(median(ours[2]) / median(base[2])).toFixed(2)}×`]);
  // What V8 compiles on the main thread, function by function, on first call.
  for (const [name, args, dir] of [['load', appPage, 'dist'], ['hello-world counter', counterPage, 'dist-hello']]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lazyCompiles(browser, args[0], dir, args[1], args[2]));
    const m = (k) => median(runs.map((x) => x[k]));
    rows.push([`${name}: wasm compiled lazily`, `${m('functions')} of ${runs[0].of} functions, ${m('bytes')} of ${runs[0].total} code bytes, ${fmt(runs.map((x) => x.ms), 'ms')}`]);
  }

  // The largest scenario: build time, frames while playing at 4×, seek, memory.
  const build = []; const p95 = []; const longest = []; const seek = []; const heap = []; const wasmMem = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    });
    await page.goto('http://127.0.0.1:8097/');
    await page.waitForSelector('[data-node="A"]');
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('scenario-picker').selectOption('add-node-rebalance');
    await page.waitForFunction(() => /of \d{4,}/.test(document.querySelector('[data-testid=counter]')?.textContent ?? ''), null, { timeout: 120_000 });
    build.push((await page.evaluate(() => performance.now())) - t0);
    await page.evaluate(() => { window.__long = []; });
    // Play at 4× for 5 s and record every frame.
    await page.getByLabel('Speed').selectOption({ label: '4×' });
    await page.evaluate(() => document.activeElement?.blur());
    const frames = await page.evaluate(async () => {
      const times = [];
      document.querySelector('button.play')?.click();
      let last = performance.now();
      await new Promise((done) => {
        const end = last + 5000;
        const tick = (now) => { times.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else done(); };
        requestAnimationFrame(tick);
      });
      document.querySelector('button.play')?.click();
      return times.slice(1);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    p95.push(sorted[Math.floor(sorted.length * 0.95)]);
    longest.push(Math.max(0, ...(await page.evaluate(() => window.__long))));
    // Seek: drag the scrubber from one end to the other; time to the painted frame.
    seek.push(await page.evaluate(async () => {
      const range = document.querySelector('[data-testid=scrubber]');
      const start = performance.now();
      range.value = range.max;
      range.dispatchEvent(new Event('input', { bubbles: true }));
      range.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - start;
    }));
    await page.keyboard.press('End');
    await page.waitForTimeout(300);
    heap.push(await page.evaluate(() => performance.memory.usedJSHeapSize / 1048576));
    wasmMem.push(await page.evaluate(() => (window.__wasm?.memory?.buffer.byteLength ?? 0) / 1048576));
    await page.close();
  }
  rows.push(['add-node-rebalance: build its timeline', fmt(build, 'ms')]);
  rows.push(['frames at 4×: p95 frame time', fmt(p95, 'ms')]);
  rows.push(['frames at 4×: longest long task', fmt(longest, 'ms')]);
  rows.push(['seek across the whole timeline', fmt(seek, 'ms')]);
  rows.push(['memory: JS heap', fmt(heap, 'MB')]);
  rows.push(['memory: wasm linear memory', fmt(wasmMem, 'MB')]);
  rows.push(['memory: total', fmt(heap.map((h, i) => h + wasmMem[i]), 'MB')]);

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`SlotScope browser benchmarks, ${RUNS} runs each (load times ${LOAD_RUNS}), Chromium ${browser.version()}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
} finally {
  await browser.close();
  app.kill();
  hello.kill();
}
