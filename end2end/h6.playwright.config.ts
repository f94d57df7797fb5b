// TEMPORARY (helper issue 6): runs the suite against a private build; deleted before hand-off.
import base from './playwright.config';
import { defineConfig } from '@playwright/test';
const PORT = 18091;
export default defineConfig({
  ...base,
  outputDir: '/tmp/h6-test-results',
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command: `/tmp/h6-target/server/mock-server --addr 127.0.0.1:${PORT} --devices 2000 --seed 1 --dist /tmp/h6-dist`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
