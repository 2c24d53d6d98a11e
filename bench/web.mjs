// make bench-web: browser figures for SlotScope's release build, in Debian's headless Chromium
// against dist/ on loopback (tests/e2e/serve.mjs, strict CSP included). Each figure runs 5
// times; the median and the spread (min to max) are printed. Figures, not pass/fail.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const RUNS = 5;
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

/** Navigation start to the first rendered view, and to the first click handled. */
async function load(browser, url, rendered, click, changed) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector(rendered);
  const first = await page.evaluate(() => performance.now());
  await page.click(click);
  await page.waitForFunction(changed);
  const interactive = await page.evaluate(() => performance.now());
  await page.close();
  return [first, interactive];
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const app = serve(8097, 'dist');
const hello = serve(8098, 'dist-hello');
try {
  await waitFor('http://127.0.0.1:8097/');
  await waitFor('http://127.0.0.1:8098/');
  const rows = [];

  // Load: SlotScope and the hello-world counter, alternately, in the same run.
  const ours = [[], []];
  const base = [[], []];
  for (let i = 0; i < RUNS; i++) {
    const [a, b] = await load(browser, 'http://127.0.0.1:8097/', '[data-node="A"]',
      'text=Next step', () => document.querySelector('[data-testid=counter]')?.textContent === 'Step 1 of 7');
    ours[0].push(a); ours[1].push(b);
    const [c, d] = await load(browser, 'http://127.0.0.1:8098/', 'button',
      'button', () => document.querySelector('[data-testid=count]')?.textContent === '1');
    base[0].push(c); base[1].push(d);
  }
  rows.push(['load: first cluster view', fmt(ours[0], 'ms')]);
  rows.push(['load: interactive (first step click handled)', fmt(ours[1], 'ms')]);
  rows.push(['hello-world counter: first render', fmt(base[0], 'ms')]);
  rows.push(['hello-world counter: interactive', fmt(base[1], 'ms')]);
  rows.push(['ratio to hello-world (interactive)', `${(median(ours[1]) / median(base[1])).toFixed(2)}×`]);

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
  console.log(`SlotScope browser benchmarks, ${RUNS} runs each, Chromium ${browser.version()}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
} finally {
  await browser.close();
  app.kill();
  hello.kill();
}
