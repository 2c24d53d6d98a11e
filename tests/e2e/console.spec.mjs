// The console and the client lane: the material's commands typed in the right and the wrong
// order, history and completion, loading and exporting a lesson script, the client's hops,
// and input that tries to inject markup.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.mjs';

const counter = (page) => page.getByTestId('counter');
const input = (page) => page.getByRole('textbox', { name: 'Command' });
const log = (page) => page.getByTestId('console-log');

async function type(page, target, command) {
  await page.getByTestId(`console-target-${target}`).click();
  await input(page).fill(command);
  await input(page).press('Enter');
}

test('the material\'s commands, typed in order, move the slot', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await type(page, 'B', 'CLUSTER SETSLOT 1234 IMPORTING $A');
  await expect(counter(page)).toHaveText('Step 1 of 1');
  await type(page, 'A', 'CLUSTER SETSLOT 1234 MIGRATING $B');
  await type(page, 'A', 'MIGRATE 127.0.0.1 7002 "" 0 5000 KEYS key1{page270} key2{page270}');
  await type(page, 'B', 'CLUSTER SETSLOT 1234 NODE $B');
  await type(page, 'A', 'CLUSTER SETSLOT 1234 NODE $B');
  await type(page, 'C', 'CLUSTER SETSLOT 1234 NODE $B');
  await type(page, 'A', 'wait');
  await expect(counter(page)).toHaveText('Step 7 of 7');
  await expect(page.locator('#scenario-title')).toContainText('(changed)');
  await expect(page.locator('[data-node="B"] [data-testid=slot-state]')).toHaveText('owned');
  await expect(page.locator('[data-node="A"] [data-testid=slot-state]')).toHaveText('not owned');
  await expect(page.locator('[data-node="B"] .key-token')).toHaveCount(2);
  await expect(log(page).locator('.console-entry.error')).toHaveCount(0);
  // Stepping back still works: the typed steps are ordinary steps.
  await input(page).blur();
  await page.keyboard.press('Home');
  await expect(page.locator('[data-node="A"] [data-testid=slot-state]')).toHaveText('owned');
});

test('the wrong order gives Redis\'s errors and the keys stay put', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await type(page, 'A', 'CLUSTER SETSLOT 1234 NODE $B');
  await expect(log(page)).toContainText("-ERR Can't assign hashslot 1234 to a different node while I still hold keys for this hash slot.");
  await type(page, 'B', 'CLUSTER SETSLOT 1234 MIGRATING $A');
  await expect(log(page)).toContainText("-ERR I'm not the owner of hash slot 1234");
  await type(page, 'A', 'CLUSTER SETSLOT 1234 MIGRATING $B');
  await type(page, 'A', 'MIGRATE 127.0.0.1 7002 "" 0 5000 KEYS key1{page270}');
  await expect(log(page)).toContainText('Target instance replied with error: MOVED 1234 127.0.0.1:7001');
  await expect(page.locator('[data-node="A"] .key-token')).toHaveCount(2);
  await type(page, 'A', 'FROBNICATE 1');
  await expect(log(page)).toContainText("-ERR unknown command 'FROBNICATE', with args beginning with: '1'");
  await type(page, 'A', 'HSET h f v');
  await expect(log(page).locator('.console-entry').last()).toContainText('HSET');
  await expect(log(page).locator('.console-entry.error')).toHaveCount(5);
});

test('history with ↑ and ↓, Tab completion, help', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await input(page).fill('CLUSTER SET');
  await input(page).press('Tab');
  await expect(input(page)).toHaveValue('CLUSTER SETSLOT ');
  await input(page).pressSequentially('1234 IMPORTING $');
  await input(page).press('Tab');
  await expect(page.getByTestId('console-candidates')).toHaveText('$A  $B  $C');
  await expect(input(page)).toBeFocused();
  await input(page).press('End');
  await input(page).pressSequentially('A');
  await page.getByTestId('console-target-B').click();
  await input(page).press('Enter');
  await expect(log(page)).toContainText('+OK');
  await input(page).fill('help');
  await input(page).press('Enter');
  await expect(log(page)).toContainText('Supported commands:');
  await input(page).press('ArrowUp');
  await expect(input(page)).toHaveValue('help');
  await input(page).press('ArrowUp');
  await expect(input(page)).toHaveValue('CLUSTER SETSLOT 1234 IMPORTING $A');
  await input(page).press('ArrowDown');
  await expect(input(page)).toHaveValue('help');
  // Keys typed in the console never drive the player.
  await input(page).press('ArrowLeft');
  await expect(counter(page)).toHaveText('Step 1 of 1');
});

test('load a lesson script, refuse a broken one, and export the timeline', async ({ page }) => {
  await page.goto('/');
  await page.getByText('Lesson scripts').click();
  await page.getByTestId('script-text').fill('cluster A B C\nA> SET k{x} 1\nZ> GET k{x}\n');
  await page.getByTestId('load-script').click();
  await expect(page.getByTestId('lesson-message')).toContainText("Nothing loaded. line 3: no node named 'Z'");
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await page.getByTestId('script-text').fill('cluster A B C\nA> SET k{x} 1\nA> "unbalanced\n');
  await page.getByTestId('load-script').click();
  await expect(page.getByTestId('lesson-message')).toContainText('line 3');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await page.getByTestId('script-file').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(600 * 1024, 'a') });
  await expect(page.getByTestId('lesson-message')).toContainText('over 512 KB');

  const lesson = 'cluster A B C\nA> SET k{x} 1\nstart\nA> GET k{x}\nB> GET k{x}\nclient> GET k{x}\n';
  await page.getByTestId('script-file').setInputFiles({ name: 'lesson.txt', mimeType: 'text/plain', buffer: Buffer.from(lesson) });
  await expect(page.locator('#scenario-title')).toHaveText('Your script');
  await expect(counter(page)).toHaveText('Step 0 of 3');
  await expect(page).toHaveURL(/#script=1/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-script').click(),
  ]);
  expect(download.suggestedFilename()).toBe('slotscope-custom.txt');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toBe('cluster A B C\nA> SET k{x} 1\nstart\nA> GET k{x}\nB> GET k{x}\nclient> GET k{x}\n');
});

test('the client lane draws each hop and counts redirections', async ({ page }) => {
  await page.goto('/?step=3');
  await expect(page.getByTestId('hops')).toHaveCount(0);
  // After MIGRATE the key is on B, but A still owns the slot: ASK, then ASKING at B.
  await type(page, 'client', 'GET key1{page270}');
  const hops = page.getByTestId('hops').locator('li');
  await expect(hops).toHaveCount(3);
  await expect(hops.nth(0)).toContainText('→ A');
  await expect(hops.nth(0)).toContainText('ASK 1234 127.0.0.1:7002');
  await expect(hops.nth(1)).toContainText('ASKING');
  await expect(hops.nth(2)).toContainText('"v1"');
  await expect(page.getByTestId('redirect-counts')).toHaveText('So far: MOVED 0 · ASK 1 · TRYAGAIN 0');

  // Background requests during the walkthrough: the client meets ASK, then MOVED.
  await page.getByTestId('scenario-picker').selectOption('walkthrough');
  await page.getByTestId('traffic').selectOption('1');
  await expect(counter(page)).toHaveText(/^Step 0 of 1\d$/);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('End');
  await expect(page.getByTestId('redirect-counts')).toHaveText(/MOVED [1-9]\d* · ASK [1-9]/);
  let sawMoved = false;
  for (let i = 0; i < 16 && !sawMoved; i++) {
    sawMoved = (await page.getByTestId('hops').locator('li.moved').count()) > 0;
    if (!sawMoved) await page.keyboard.press('ArrowLeft');
  }
  expect(sawMoved).toBe(true);
  await page.screenshot({ path: 'screenshots/client-lane.png', fullPage: true });
});

test('markup typed as a key renders as text, and long input does not break the page', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  await type(page, 'A', 'SET "<img src=x onerror=alert(1)>" "<script>alert(2)</script>"');
  await expect(log(page)).toContainText('<img src=x onerror=alert(1)>');
  await type(page, 'client', 'GET "<img src=x onerror=alert(1)>"');
  await expect(page.getByTestId('hops')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img, script:not([src]):not([type="module"])')).toHaveCount(0);
  const long = 'k'.repeat(10_000);
  await type(page, 'A', `SET ${long} v`);
  await expect(log(page).locator('.console-entry').last()).toContainText('+OK');
  await page.getByRole('tab', { name: 'Full transcript' }).click();
  await expect(page.locator('#panel')).toContainText(long.slice(0, 100));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(dialogs).toBe(0);
});

test('the console and the lane have no axe violation', async ({ page }) => {
  await page.goto('/?step=3');
  await type(page, 'client', 'GET key1{page270}');
  await type(page, 'A', 'GET key2{page270}');
  await input(page).fill('CLUSTER SETSLOT 1234 NODE $');
  await input(page).press('Tab');
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  await page.screenshot({ path: 'screenshots/console.png', fullPage: true });
});

test('the log keeps the newest reply in view, and leaves a reader who scrolled back alone', async ({ page }) => {
  await page.goto('/');
  await expect(counter(page)).toHaveText('Step 0 of 7');
  for (let i = 1; i <= 8; i++) await type(page, 'A', `ECHO line-${i}`);
  await expect(log(page).locator('.console-entry')).toHaveCount(8);
  const atBottom = () => log(page).evaluate((l) => l.scrollHeight > l.clientHeight
    && l.scrollTop + l.clientHeight >= l.scrollHeight - 1);
  await expect.poll(atBottom).toBe(true);
  await expect(log(page).locator('.console-entry').last()).toBeInViewport();
  // Scrolled back to the top, the reader stays there while the player steps.
  await log(page).evaluate((l) => { l.scrollTop = 0; });
  await page.getByRole('button', { name: /First/ }).click();
  await expect(counter(page)).toHaveText('Step 0 of 8');
  expect(await log(page).evaluate((l) => l.scrollTop)).toBe(0);
});

test('a new request rate keeps the learner on the same step of the script', async ({ page }) => {
  await page.goto('/?step=3');
  await expect(counter(page)).toHaveText('Step 3 of 7');
  const migrate = 'A> MIGRATE 127.0.0.1 7002 "" 0 5000 KEYS key1{page270} key2{page270}';
  await expect(page.getByTestId('command')).toHaveText(migrate);
  for (const rate of ['1', '2', '4', '0']) {
    await page.getByTestId('traffic').selectOption(rate);
    await expect(page.getByTestId('command')).toHaveText(migrate);
  }
  await expect(counter(page)).toHaveText('Step 3 of 7');
  // With a request after every step, the MIGRATE is step 5: two requests came before it.
  await page.getByTestId('traffic').selectOption('1');
  await expect(counter(page)).toHaveText(/^Step 5 of 1\d$/);
});
