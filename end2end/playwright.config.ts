import { defineConfig } from '@playwright/test';

// Two setups, one mock-server (state shared, so one worker):
// - "nginx-subpath": the whole suite against Debian's nginx running the shipped configuration
//   (deploy/nginx), serving dist-portal/ (built with --public-url /portal/) at /portal/ and
//   proxying /api/ to mock-server: sub-path hosting, CSP and cache headers from nginx.
// - "mock-root": the tests tagged @root against mock-server serving dist/ at the root (the demo
//   setup, CSP from mock-server).
// ./x test builds dist/, dist-portal/ and mock-server first. E2E_NGINX=0 runs only mock-root.
const MOCK_PORT = Number(process.env.MOCK_PORT ?? 18080);
const NGINX_PORT = Number(process.env.NGINX_PORT ?? 18081);
const withNginx = process.env.E2E_NGINX !== '0';
export const MOCK_URL = `http://127.0.0.1:${MOCK_PORT}`;
export const NGINX_URL = `http://127.0.0.1:${NGINX_PORT}/portal/`;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    acceptDownloads: true,
  },
  projects: [
    ...(withNginx ? [{ name: 'nginx-subpath', use: { ...chromium, baseURL: NGINX_URL } }] : []),
    { name: 'mock-root', grep: withNginx ? /@root/ : undefined, use: { ...chromium, baseURL: `${MOCK_URL}/` } },
  ],
  webServer: [
    {
      command: `../target/server/mock-server --addr 127.0.0.1:${MOCK_PORT} --devices 2000 --seed 1 --dist ../dist --test-hooks`,
      url: `${MOCK_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...(withNginx
      ? [
          {
            command: `../deploy/nginx/run-test-nginx.sh ${NGINX_PORT} ${MOCK_PORT} ../dist-portal`,
            url: NGINX_URL,
            reuseExistingServer: false,
            timeout: 30_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
  ],
});
