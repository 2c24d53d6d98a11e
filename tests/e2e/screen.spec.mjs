// The first screen: what a learner on a laptop and a class in front of a projector see without
// scrolling, and a console that a host page's developer finds quiet.
import { test, expect } from './fixtures.mjs';

const bottom = (locator) => locator.evaluate((e) => e.getBoundingClientRect().bottom);

for (const [label, viewport, classroom] of [
  ['a 1280×800 laptop', { width: 1280, height: 800 }, false],
  ['a 1366×768 laptop', { width: 1366, height: 768 }, false],
  ['a 1920×1080 projector in classroom mode', { width: 1920, height: 1080 }, true],
]) {
  test(`the controls, the step and the whole cluster fit the first screen of ${label}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/?step=3');
    await expect(page.getByTestId('counter')).toHaveText('Step 3 of 7');
    if (classroom) {
      await page.getByRole('button', { name: 'Classroom' }).click();
      await expect(page.locator('html')).toHaveClass(/classroom/);
      // The toggle shows that it is on.
      const background = (name) => page.getByRole('button', { name }).evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(await background('Classroom')).not.toBe(await background('Share'));
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await bottom(page.getByTestId('narration'))).toBeLessThanOrEqual(viewport.height);
    for (const node of ['A', 'B', 'C']) {
      expect(await bottom(page.locator(`[data-node="${node}"]`)), `node ${node}`).toBeLessThanOrEqual(viewport.height);
    }
    // The nine mode tabs take one row on a wide screen, not a row and a straggler.
    if (viewport.width >= 1280 && !classroom) {
      const tops = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().top));
      expect(new Set(tops).size).toBe(1);
    }
  });
}

for (const path of ['/', '/?scenario=reshard-100&step=5&embed=1&panels=table,animation']) {
  test(`loading ${path} logs no warning and no error`, async ({ page }) => {
    const logged = [];
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') logged.push(m.text()); });
    await page.goto(path);
    await expect(page.getByTestId('counter').or(page.locator('[data-node="A"]')).first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(logged).toEqual([]);
  });
}

test('nothing scrolls sideways on a 320 px phone, in any mode', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/?step=3');
  await expect(page.getByTestId('counter')).toHaveText('Step 3 of 7');
  for (const tab of await page.getByRole('tab').all()) {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, await tab.textContent()).toBeLessThanOrEqual(0);
  }
});
