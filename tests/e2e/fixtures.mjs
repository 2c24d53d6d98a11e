// A `page` fixture that fails the test on any console error, uncaught exception or failed
// request (a missing favicon included).
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };
