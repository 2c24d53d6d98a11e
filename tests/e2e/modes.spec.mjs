// Every mode on every built-in scenario: the panel renders, axe-core finds no WCAG 2.2 AA
// violation, and the default scenario's modes are photographed at 1280×800, at 390×844 and
// in dark mode (screenshots/, git-ignored).
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.mjs';

const MODES = ['Animation', 'Concept flow', 'Execution sample', 'Execution table', 'Variable tracker',
  'Key moments', 'Quiz', 'Concept snapshot', 'Full transcript'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function scenarios(page) {
  return page.getByTestId('scenario-picker').locator('option').evaluateAll((os) => os.map((o) => o.value));
}

async function noViolations(page, where) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.length} node(s) ${v.nodes[0]?.target}`);
  expect(summary, `${where}\n${summary.join('\n')}`).toEqual([]);
}

test('every mode of every scenario renders with no axe violation', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  const ids = await scenarios(page);
  expect(ids.length).toBeGreaterThanOrEqual(6);
  for (const id of ids) {
    await page.getByTestId('scenario-picker').selectOption(id);
    await page.keyboard.press('End');
    for (const mode of MODES) {
      await page.getByRole('tab', { name: mode }).click();
      await expect(page.getByRole('tab', { name: mode })).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('#panel')).not.toBeEmpty();
      await noViolations(page, `${id} / ${mode}`);
    }
    await page.getByRole('tab', { name: 'Animation' }).click();
  }
});

for (const [label, viewport, dark] of [
  ['desktop', { width: 1280, height: 800 }, false],
  ['phone', { width: 390, height: 844 }, false],
  ['dark', { width: 1280, height: 800 }, true],
]) {
  test(`screenshots of every mode: ${label}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    if (dark) await page.emulateMedia({ colorScheme: 'dark' });
    test.setTimeout(180_000);
    await page.goto('/');
    await expect(page.getByTestId('counter')).toHaveText('Step 0 of 7');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    for (const mode of MODES) {
      await page.getByRole('tab', { name: mode }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `screenshots/modes/${label}-${mode.toLowerCase().replace(/ /g, '-')}.png`, fullPage: true });
      if (dark) await noViolations(page, `dark / ${mode}`);
    }
    // Nothing may overflow the viewport sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('table cells break between words, never inside one; a wide table scrolls', async ({ page }) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    for (const mode of ['table', 'tracker']) {
      await page.goto(`/?step=3&mode=${mode}`);
      await expect(page.locator('#panel thead th').first()).toBeVisible();
      // A word broken across two lines has two client rects.
      const broken = await page.locator('#panel th, #panel td').evaluateAll((cells) => cells.flatMap((th) => {
        const words = [];
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          for (const m of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            if (range.getClientRects().length > 1) words.push(m[0]);
          }
        }
        return words;
      }));
      expect(broken, `${mode} at ${viewport.width} px`).toEqual([]);
      // The page itself never scrolls sideways: the table scrolls in its own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
  }
});
