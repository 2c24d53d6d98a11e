// A `page` fixture that fails the test on any console error, uncaught exception or failed
// request (a missing favicon included).
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // Console errors a test provokes on purpose, as regular expressions.
  consoleAllow: [[], { option: true }],
  page: async ({ page, consoleAllow }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (consoleAllow.some((re) => re.test(msg.text()))) return;
      problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    page.on('requestfailed', (req) => {
      // A navigation (reload, goto) cancels the old page's pending fetches: not a failure.
      if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };
