// The player: keyboard shortcuts (and their silence in a text field), the scrubber, scenario
// switching, the theme toggle, and reduced motion.
import { test, expect } from './fixtures.mjs';

const counter = (page) => page.getByTestId('counter');

test('keyboard shortcuts drive the player and do not scroll the page', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 400 });
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('Step 2 of 7');
  await page.keyboard.press('ArrowLeft');
  await expect(counter(page)).toHaveText('Step 1 of 7');
  await page.keyboard.press('End');
  await expect(counter(page)).toHaveText('Step 7 of 7');
  await page.keyboard.press('Home');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  const speed = page.getByRole('combobox', { name: 'Speed' });
  await expect(speed).toHaveValue('2');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(speed).toHaveValue('4');
  await page.keyboard.press('-');
  await expect(speed).toHaveValue('3');

  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible();
  await expect(counter(page)).not.toHaveText('Step 0 of 7', { timeout: 3000 });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the shortcuts sheet is modal: focus moves in, stays in, and comes back', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  // The player's keys are off while it is open, and Tab never reaches the page behind it.
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement === document.body
    || !!document.activeElement?.closest('dialog'))).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('Step 1 of 7');
});

test('shortcuts do not fire while typing in a text field', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  const field = page.getByTestId('goto');
  await field.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await page.keyboard.press('Space');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await field.fill('5');
  await field.press('Enter');
  await expect(counter(page)).toHaveText('Step 5 of 7');
  await field.fill('oops');
  await field.press('Enter');
  await expect(counter(page)).toHaveText('Step 5 of 7');
});

test('the scrubber seeks, and its markers cover every phase', async ({ page }) => {
  await page.goto('/');
  const scrubber = page.getByTestId('scrubber');
  await scrubber.fill('4');
  await expect(counter(page)).toHaveText('Step 4 of 7');
  await expect(page.locator('[data-node="B"] [data-testid=slot-state]')).toHaveText('owned');
  await scrubber.fill('0');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  const legend = await page.getByRole('list', { name: 'phase markers' }).textContent();
  for (const p of ['IMPORTING', 'MIGRATING', 'MIGRATE', 'SETSLOT NODE', 'gossip']) expect(legend).toContain(p);
});

test('switching scenario resets the player and every panel', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('End');
  await page.getByTestId('scenario-picker').selectOption('whatif-node-early');
  await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
  await expect(page.getByRole('heading', { level: 2, name: /takes the slot/ })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('narration')).toContainText('What went wrong');
  // At the gossip step, A visibly loses its keys.
  const steps = Number((await counter(page).textContent()).match(/of (\d+)/)[1]);
  await page.getByTestId('scrubber').fill(String(5));
  await expect(page.locator('[data-node="A"] [data-testid=lost]')).toContainText('key2{page270}');
  expect(steps).toBeGreaterThan(5);
  await page.getByTestId('scenario-picker').selectOption('reshard-100');
  await expect(counter(page)).toHaveText(/^Step 0 of (\d{3,})$/);
  await page.getByRole('tab', { name: 'Concept flow' }).click();
  await page.getByTestId('scrubber').fill('20');
  await expect(page.locator('.flow-loop .flow-title').first()).toContainText('of 100');
});

test('key moments open the what-if scenarios', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Key moments' }).click();
  await page.getByRole('button', { name: 'Play the what-if: MIGRATING skipped' }).click();
  await expect(page.locator('#scenario-title')).toHaveText('What if: MIGRATING is skipped');
  await expect(page.getByRole('tab', { name: 'Animation' })).toHaveAttribute('aria-selected', 'true');
});

test('the theme toggle is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Classroom' }).click();
  await expect(page.locator('html')).toHaveClass(/classroom/);
});

test('reduced motion turns travel into an instant change', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const token = page.locator('[data-node="B"] .key-token.arriving').first();
  await expect(token).toBeVisible();
  expect(await token.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await expect(page.locator('.key-token.departing')).toHaveCount(2);
  expect(await page.locator('.key-token.departing').first().isVisible()).toBe(false);
});

test('the plan form is built when first opened, starts from all masters to the first, and keeps its values', async ({ page }) => {
  await page.goto('/?step=7');
  await expect(counter(page)).toHaveText('Step 7 of 7');
  // Closed panels have no body yet: the first render skips their forms.
  await expect(page.getByTestId('plan-form')).toHaveCount(0);
  await expect(page.getByTestId('script-text')).toHaveCount(0);
  await page.getByText('Plan a change from this step').click();
  await expect(page.getByTestId('plan-from')).toHaveValue('all');
  await expect(page.getByTestId('plan-to')).toHaveValue('A');
  await page.getByTestId('plan-slots').fill('3');
  // Closed and opened again, the form keeps what was chosen.
  await page.getByText('Plan a change from this step').click();
  await expect(page.getByTestId('plan-form')).toBeHidden();
  await page.getByText('Plan a change from this step').click();
  await expect(page.getByTestId('plan-slots')).toHaveValue('3');
  // The defaults make a plan redis-cli accepts: 3 slots from B and C to A.
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByTestId('plan-message')).toContainText('with reshard from step 7');
  await expect(page.getByTestId('command')).toHaveText(/^A> CLUSTER SETSLOT \d+ IMPORTING \$[BC]$/);
});

test('plan a reshard from the current step, as redis-cli would', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await page.getByText('Plan a change from this step').click();
  // In the middle of a migration the slot is open: redis-cli refuses, and nothing changes.
  await page.getByTestId('scrubber').fill('2');
  await page.getByTestId('plan-from').selectOption('A');
  await page.getByTestId('plan-to').selectOption('C');
  await page.getByTestId('plan-slots').fill('2');
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByTestId('plan-message')).toHaveText('*** Please fix your cluster problems before resharding');
  await expect(counter(page)).toHaveText('Step 2 of 7');
  // At the end the cluster is settled: the plan replaces the future with redis-cli's commands.
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByTestId('plan-message')).toContainText('Planned 13 command(s) with reshard from step 7');
  await expect(counter(page)).toHaveText(/^Step 8 of (\d+)$/);
  await expect(page.getByTestId('command')).toHaveText('C> CLUSTER SETSLOT 0 IMPORTING $A');
  await page.keyboard.press('End');
  await expect(page.locator('[data-node="C"] [data-testid=epoch]')).toHaveText('5');
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
});

test('a note step shows its text once, as the narration', async ({ page }) => {
  await page.goto('/?scenario=interrupted-fix');
  await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
  await page.keyboard.press('End');
  await expect(page.getByTestId('command')).toHaveText('note');
  await expect(page.getByTestId('narration')).toHaveText(/^What happened: fix saw keys on both A/);
});

test('the tab bar works from the keyboard, and Space presses the focused button', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  const tab = (name) => page.getByRole('tab', { name });
  const picked = async (name) => {
    await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(name)).toBeFocused();
    await expect(tab(name)).toHaveAttribute('tabindex', '0');
  };
  await tab('Animation').focus();
  await page.keyboard.press('ArrowRight');
  await picked('Concept flow');
  await page.keyboard.press('End');
  await picked('Full transcript');
  await page.keyboard.press('ArrowRight');
  await picked('Animation');
  await page.keyboard.press('ArrowLeft');
  await picked('Full transcript');
  await page.keyboard.press('Home');
  await picked('Animation');
  // The tab bar's keys moved no step.
  await expect(counter(page)).toHaveText('Step 0 of 7');

  // Space on a focused button presses it, rather than starting the player.
  await page.getByRole('button', { name: /Next step/ }).focus();
  await page.keyboard.press('Space');
  await expect(counter(page)).toHaveText('Step 1 of 7');
  await page.waitForTimeout(700);
  await expect(counter(page)).toHaveText('Step 1 of 7');
  await expect(page.getByRole('button', { name: /Pause/ })).toHaveCount(0);
  // And on a closed panel's summary, it opens the panel.
  await page.getByText('Plan a change from this step').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('plan-from')).toBeVisible();
});
