// Walk every step of the default scenario with the keyboard, forward then back, with a
// screenshot per step in screenshots/ (git-ignored).
import { test, expect } from './fixtures.mjs';

test('walk all steps with → and ←', async ({ page }) => {
  await page.goto('/');
  const counter = page.getByTestId('counter');
  await expect(counter).toHaveText(/^Step 0 of \d+$/);
  const last = Number((await counter.textContent()).match(/of (\d+)/)[1]);
  expect(last).toBeGreaterThanOrEqual(4);

  const card = (name) => page.locator(`[data-node="${name}"]`);
  await expect(card('A').getByTestId('slot-state')).toHaveText('owned');
  await page.screenshot({ path: 'screenshots/walkthrough/step-00.png', fullPage: true });

  for (let i = 1; i <= last; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(counter).toHaveText(`Step ${i} of ${last}`);
    await page.screenshot({ path: `screenshots/walkthrough/step-${String(i).padStart(2, '0')}.png`, fullPage: true });
  }
  // At the end the target owns the slot and holds both keys; the source has none.
  await expect(card('B').getByTestId('slot-state')).toHaveText('owned');
  await expect(card('B').locator('.key-token')).toHaveText(['key2{page270}', 'key1{page270}']);
  await expect(card('A').locator('.key-token')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText(`Step ${last} of ${last}`);

  for (let i = last - 1; i >= 0; i--) {
    await page.keyboard.press('ArrowLeft');
    await expect(counter).toHaveText(`Step ${i} of ${last}`);
  }
  await expect(card('A').getByTestId('slot-state')).toHaveText('owned');
  await expect(card('A').locator('.key-token')).toHaveCount(2);
});
