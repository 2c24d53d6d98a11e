// End-to-end tests: Debian's Chromium (never a downloaded browser) against dist/ on loopback.
import { defineConfig } from '@playwright/test';

const port = 8089;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs ${port} dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The sub-path build (trunk build --public-url /docs/slotscope/), served under that path.
      command: `node tests/e2e/serve.mjs ${port + 1} dist-sub /docs/slotscope/`,
      url: `http://127.0.0.1:${port + 1}/docs/slotscope/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
