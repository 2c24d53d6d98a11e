// The quiz: saved progress survives a reload and corrupt storage, hints seek, the what-if
// button plays the right scenario, generated sets follow their seed, and axe finds nothing.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.mjs';

const counter = (page) => page.getByTestId('counter');
const question = (page, id) => page.locator(`fieldset[data-question="${id}"]`);

test('an answer and the score survive a reload', async ({ page }) => {
  await page.goto('/?quiz=5');
  await expect(page.getByRole('tab', { name: 'Quiz' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('score')).toHaveText('Score 0 of 0 · streak 0 (best 0)');
  const q1 = question(page, 'material:1');
  await q1.getByLabel('B Step 5').check();
  await expect(q1.getByTestId('result')).toContainText('Right.');
  await expect(q1.getByTestId('result')).toContainText('A> CLUSTER SETSLOT 1234 NODE $B');
  const q2 = question(page, 'material:2');
  await q2.getByLabel('A Still on source node').check();
  await expect(q2.getByTestId('result')).toContainText('Not quite.');
  await expect(page.getByTestId('score')).toHaveText('Score 1 of 2 · streak 0 (best 1)');
  // Keyboard: arrows move between the radios of the next question.
  await question(page, 'material:3').getByLabel('A Target node rejects incoming keys').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('score')).toHaveText('Score 2 of 3 · streak 1 (best 1)');

  await page.reload();
  await expect(page.getByTestId('score')).toHaveText('Score 2 of 3 · streak 1 (best 1)');
  await expect(question(page, 'material:1').getByLabel('B Step 5')).toBeChecked();
  await expect(question(page, 'material:2').getByLabel('C Only on target node')).toBeDisabled();

  await page.getByTestId('reset-progress').click();
  await expect(page.getByTestId('score')).toHaveText('Score 0 of 0 · streak 0 (best 0)');
  await expect(question(page, 'material:1').getByLabel('B Step 5')).not.toBeChecked();
  await page.reload();
  await expect(page.getByTestId('score')).toHaveText('Score 0 of 0 · streak 0 (best 0)');
});

for (const [what, stored] of [
  ['corrupt', '{"version":1,"score":'],
  ['old', '{"version":0,"score":3,"answered":3,"streak":0,"best_streak":1,"answers":{}}'],
  ['foreign', '"<img src=x onerror=alert(1)>"'],
  ['inconsistent', '{"version":1,"score":9,"answered":1,"streak":0,"best_streak":0,"answers":{}}'],
]) {
  test(`${what} saved progress is discarded with a notice`, async ({ page }) => {
    // Stored before the app starts, once (a second navigation would abort the favicon's fetch).
    await page.addInitScript((v) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('slotscope.quiz', v);
      }
    }, stored);
    await page.goto('/?quiz=1');
    await expect(page.getByTestId('quiz-notice')).toContainText('starts afresh');
    await expect(page.getByTestId('score')).toHaveText('Score 0 of 0 · streak 0 (best 0)');
    expect(await page.evaluate(() => localStorage.getItem('slotscope.quiz'))).toBeNull();
    await expect(page.locator('img')).toHaveCount(0);
  });
}

test('hints open the execution table and the tracker at the step that answers them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Quiz' }).click();
  await question(page, 'material:1').getByRole('button', { name: 'Open the execution table at step 5' }).click();
  await expect(page.getByRole('tab', { name: 'Execution table' })).toHaveAttribute('aria-selected', 'true');
  await expect(counter(page)).toHaveText('Step 5 of 7');
  await expect(page.getByTestId('command')).toHaveText('A> CLUSTER SETSLOT 1234 NODE $B');
  await expect(page.locator('tr.current')).toContainText('A> CLUSTER SETSLOT 1234 NODE $B');

  await page.getByRole('tab', { name: 'Quiz' }).click();
  await question(page, 'material:2').getByRole('button', { name: 'Open the variable tracker at step 3' }).click();
  await expect(page.getByRole('tab', { name: 'Variable tracker' })).toHaveAttribute('aria-selected', 'true');
  await expect(counter(page)).toHaveText('Step 3 of 7');

  // From another scenario, the material's hint loads the walkthrough first.
  await page.getByTestId('scenario-picker').selectOption('reshard-100');
  await page.getByRole('tab', { name: 'Quiz' }).click();
  await question(page, 'material:1').getByRole('button', { name: /Open the execution table/ }).click();
  await expect(page.locator('#scenario-title')).toContainText("The material's walkthrough");
  await expect(counter(page)).toHaveText('Step 5 of 7');
});

test('the what-if button plays "IMPORTING skipped"', async ({ page }) => {
  await page.goto('/?quiz=1');
  await expect(page.getByTestId('what-if')).toHaveCount(0);
  await question(page, 'material:3').getByLabel('B Keys migrate successfully anyway').check();
  await expect(question(page, 'material:3').getByTestId('result')).toContainText('MOVED');
  await page.getByTestId('what-if').click();
  await expect(page.locator('#scenario-title')).toHaveText('What if: IMPORTING is skipped');
  await expect(page.getByRole('tab', { name: 'Animation' })).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('goto').fill('2');
  await page.getByTestId('goto').press('Enter');
  await expect(page.getByTestId('reply')).toContainText('Target instance replied with error: MOVED');
});

test('generated questions follow their seed, and their hints seek', async ({ page }) => {
  await page.goto('/?quiz=7');
  const legends = page.locator('fieldset.question legend');
  await expect(legends).toHaveCount(10);
  const first = await legends.allTextContents();
  await page.reload();
  await expect(legends).toHaveCount(10);
  expect(await legends.allTextContents()).toEqual(first);
  const kinds = new Set(first.slice(3).map((l) => l.split(' — ')[0].replace(/^\d+\. /, '')));
  expect(kinds.size).toBeGreaterThanOrEqual(6);

  await page.getByTestId('new-questions').click();
  await expect.poll(async () => (await legends.allTextContents()).slice(3)).not.toEqual(first.slice(3));

  const show = page.getByRole('button', { name: /^Hint: show step \d+$/ }).first();
  const step = Number((await show.textContent()).match(/\d+/)[0]);
  await show.click();
  await expect(page.getByRole('tab', { name: 'Animation' })).toHaveAttribute('aria-selected', 'true');
  await expect(counter(page)).toHaveText(`Step ${step} of 7`);
});

test('the answered quiz has no axe violation, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/?quiz=3');
    await question(page, 'material:1').getByLabel('A Step 3').check();
    await question(page, 'material:2').getByLabel('C Only on target node').check();
    await question(page, 'material:3').getByLabel('A Target node rejects incoming keys').check();
    const generated = page.locator('fieldset.question').nth(3);
    await generated.locator('input[type=radio]').first().check();
    await expect(generated.getByTestId('result')).not.toBeEmpty();
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
    await page.screenshot({ path: `screenshots/quiz-${scheme}.png`, fullPage: true });
    await page.evaluate(() => localStorage.clear());
  }
});
