// Embed mode, and the docs-site recipes of docs/EMBEDDING.md: each recipe's snippet becomes a
// host page that must load the requested step, resize the iframe to its content, and keep the
// host's own arrow keys (mdBook's page turns) until the reader clicks into the app.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.mjs';

const BASE = 'http://127.0.0.1:8089/';
const PANELS = ['animation', 'flow', 'sample', 'table', 'tracker', 'moments', 'quiz', 'snapshot', 'transcript'];

for (const panel of PANELS) {
  test(`embed mode shows only the ${panel} panel`, async ({ page }) => {
    await page.goto(`/?scenario=walkthrough&step=3&embed=1&panels=${panel}`);
    await expect(page.locator(`[data-panel="${panel}"]`)).not.toBeEmpty();
    await expect(page.locator('[data-panel]')).toHaveCount(1);
    await expect(page.locator('.masthead')).toHaveCount(0);
    await expect(page.getByRole('tablist')).toHaveCount(0);
    await expect(page.getByTestId('counter')).toHaveText('Step 3 of 7');
    const full = await page.getByRole('link', { name: 'Open full app ↗' }).getAttribute('href');
    expect(full).toMatch(/\?scenario=walkthrough&step=3(&|$)/);
    expect(full).not.toContain('embed');
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  });
}

test('embed mode keeps several panels in order, and controls=0 hides the player', async ({ page }) => {
  await page.goto('/?scenario=reshard-100&step=5&embed=1&controls=0&panels=table,animation,table');
  await expect(page.locator('[data-panel]')).toHaveCount(2);
  expect(await page.locator('[data-panel]').evaluateAll((els) => els.map((e) => e.dataset.panel)))
    .toEqual(['table', 'animation']);
  await expect(page.getByTestId('counter')).toHaveCount(0);
  await expect(page).toHaveURL(/embed=1&controls=0&panels=table,animation/);
  await page.setViewportSize({ width: 600, height: 500 });
  await page.screenshot({ path: 'screenshots/embed-table-animation.png', fullPage: true });
});

/** The recipes of docs/EMBEDDING.md: name → snippet. */
function recipes() {
  const doc = readFileSync(new URL('../../docs/EMBEDDING.md', import.meta.url), 'utf8');
  const out = {};
  for (const m of doc.matchAll(/<!-- recipe: (\w+) -->\n```\w+\n([\s\S]*?)```/g)) out[m[1]] = m[2];
  return out;
}

test('EMBEDDING.md has the four recipes', () => {
  expect(Object.keys(recipes()).sort()).toEqual(['docusaurus', 'mdbook', 'mkdocs', 'plain']);
});

for (const [name, snippet] of Object.entries(recipes())) {
  test(`the ${name} recipe: requested step, resizing, and the host's keys`, async ({ page }) => {
    let markup = snippet.replaceAll('https://example.org/slotscope/', BASE);
    // JSX closes the element itself; React renders it as a normal iframe.
    markup = markup.replace(/<iframe([\s\S]*?)\/>/, '<iframe$1></iframe>');
    // The site configuration (book.toml, docusaurus.config.js, mkdocs.yml) loads the helper.
    if (!markup.includes('embed.js')) markup += `\n<script src="${BASE}embed.js" defer></script>`;
    const src = new URL(markup.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
    const scenario = src.searchParams.get('scenario');
    const step = Number(src.searchParams.get('step'));
    const host = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs page</title></head>
      <body><h1>Redis Cluster resharding</h1><p id="prose" tabindex="-1">Some prose.</p>
      <p>Host arrow keys: <output id="keys">0</output>. Step: <output id="step">none</output>.</p>
      ${markup}
      <script>
        let keys = 0;
        document.addEventListener('keydown', (e) => {
          if (e.key === 'ArrowRight') document.getElementById('keys').textContent = String(++keys);
        });
        document.querySelector('iframe[data-slotscope]').addEventListener('slotscope:step', (e) => {
          document.getElementById('step').textContent = e.detail.scenario + ':' + e.detail.step;
        });
      </script></body></html>`;
    await page.route(`${BASE}__host/${name}.html`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: host }));
    await page.goto(`${BASE}__host/${name}.html`);

    // 1. The requested scenario at the requested step.
    await expect(page.locator('#step')).toHaveText(`${scenario}:${step}`);
    const frame = page.frameLocator('iframe[data-slotscope]');
    await expect(frame.locator('.masthead')).toHaveCount(0);
    await expect(frame.getByTestId('command')).not.toBeEmpty();

    // 2. The iframe takes its content's height (the snippet says 480).
    const iframe = page.locator('iframe[data-slotscope]');
    const content = () => frame.locator('#slotscope').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    await expect.poll(async () => Math.abs((await iframe.evaluate((f) => f.getBoundingClientRect().height)) - (await content())))
      .toBeLessThanOrEqual(4);
    expect(await content()).not.toBe(480);

    // 3. The host's keys stay the host's until the reader clicks into the app.
    await page.locator('#prose').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('#keys')).toHaveText('1');
    await expect(page.locator('#step')).toHaveText(`${scenario}:${step}`);
    await frame.getByTestId('narration').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('#step')).toHaveText(`${scenario}:${step + 1}`);
    await expect(page.locator('#keys')).toHaveText('1');
    await page.screenshot({ path: `screenshots/recipe-${name}.png`, fullPage: true });
  });
}
