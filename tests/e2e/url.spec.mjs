// The address as state: round-trips through reload and the back button, hostile parameters,
// custom scripts in #script=, the share button, the sub-path build, and the strict CSP.
import { test, expect } from './fixtures.mjs';

const counter = (page) => page.getByTestId('counter');
const heading = (page) => page.locator('#scenario-title');

test('open an address, step, reload, and land on the same step', async ({ page }) => {
  await page.goto('/?scenario=reshard-100&step=12&mode=table&speed=2');
  await expect(heading(page)).toContainText('Reshard 100 slots');
  await expect(counter(page)).toHaveText(/^Step 12 of \d+$/);
  await expect(page.getByRole('tab', { name: 'Execution table' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Speed')).toHaveValue('4');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?scenario=reshard-100&step=14&mode=table&speed=2$/);
  await page.reload();
  await expect(counter(page)).toHaveText(/^Step 14 of \d+$/);
  await expect(page.getByRole('tab', { name: 'Execution table' })).toHaveAttribute('aria-selected', 'true');
});

test('steps replace the history entry; scenario and mode changes push one', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  const length = () => page.evaluate(() => history.length);
  const start = await length();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/step=3/);
  expect(await length()).toBe(start);
  await page.getByRole('tab', { name: 'Variable tracker' }).click();
  await expect(page).toHaveURL(/step=3&mode=tracker/);
  await page.getByTestId('scenario-picker').selectOption('whatif-node-early');
  await expect(page).toHaveURL(/scenario=whatif-node-early&step=0&mode=tracker/);
  expect(await length()).toBe(start + 2);
  await page.goBack();
  await expect(heading(page)).toContainText("The material's walkthrough");
  await expect(counter(page)).toHaveText('Step 3 of 7');
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Animation' })).toHaveAttribute('aria-selected', 'true');
  await page.goForward();
  await expect(page.getByRole('tab', { name: 'Variable tracker' })).toHaveAttribute('aria-selected', 'true');
});

for (const [what, query, notice] of [
  ['an unknown scenario', '?scenario=nope', 'unknown scenario "nope"'],
  ['a step past the end', '?step=999', 'Step 999 is past the end'],
  ['a negative step', '?step=-4', 'Ignored the step "-4"'],
  ['an unknown mode', '?mode=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'unknown mode "<img src=x onerror=alert(1)>"'],
  ['a bad speed', '?speed=100', 'Ignored the speed "100"'],
  ['a bad theme', '?theme=neon', 'Ignored the theme "neon"'],
  ['another language', '?lang=fr', 'English only'],
  ['100 KB of junk', `?scenario=${'x'.repeat(100_000)}`, 'Ignored the unknown scenario "xxxxxxxx'],
  ['a script that does not parse', '#script=1' + 'Z'.repeat(40), 'script in the link'],
]) {
  test(`${what} falls back to the defaults with a notice`, async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await page.goto(`/${query}`);
    await expect(page.getByTestId('url-notice')).toContainText(notice);
    await expect(counter(page)).toHaveText(what === 'a step past the end' ? 'Step 7 of 7' : 'Step 0 of 7');
    await expect(page.locator('img')).toHaveCount(0);
    expect(dialogs).toBe(0);
    await page.getByTestId('url-notice').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('url-notice')).toHaveCount(0);
  });
}

test('a forked timeline travels in #script= and the share button gives its link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?step=7');
  await page.getByText('Plan a change from this step').click();
  await page.getByTestId('planner').selectOption('reshard');
  await page.getByTestId('plan-from').selectOption('B');
  await page.getByTestId('plan-to').selectOption('C');
  await page.getByTestId('plan-slots').fill('1');
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page).toHaveURL(/#script=1[\w-]+$/);
  const total = (await counter(page).textContent()).match(/of (\d+)/)[1];
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toBe(page.url());
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.goto('about:blank');
  await page.goto(link);
  // The link names the scenario it changed (issue 25: it opened as "Your script").
  await expect(heading(page)).toHaveText("The material's walkthrough: move slot 1234 from A to B (changed)");
  await expect(counter(page)).toHaveText(new RegExp(`of ${total}$`));
  await page.getByRole('tab', { name: 'Full transcript' }).click();
  await expect(page.locator('#panel')).toContainText('B> CLUSTER SETSLOT 1234 NODE $C');
});

test('the sub-path build works from /docs/slotscope/', async ({ page }) => {
  await page.goto('http://127.0.0.1:8090/docs/slotscope/?scenario=whatif-no-migrating&step=2');
  await expect(heading(page)).toHaveText('What if: MIGRATING is skipped');
  await expect(counter(page)).toHaveText(/^Step 2 of \d+$/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:8090\/docs\/slotscope\/\?scenario=whatif-no-migrating&step=3$/);
});

test.describe('strict CSP', () => {
  // The one violation this test provokes on purpose is logged by Chromium as a console error.
  test.use({ consoleAllow: [/Executing inline script violates/] });

test('the app runs under a strict CSP with no violation', async ({ page }) => {
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/?scenario=walkthrough&mode=quiz');
  const policy = response.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'nonce-");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);
  for (const mode of ['Animation', 'Concept flow', 'Execution table', 'Quiz', 'Full transcript']) {
    await page.getByRole('tab', { name: mode }).click();
    await page.keyboard.press('ArrowRight');
  }
  await page.getByTestId('share').click();
  expect(violations).toEqual([]);
  // The policy is really enforced: an injected inline script does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    return window.__inline === 1;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBe(1);
});
});
