import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Two setups of the EPMM portal on one mock-server (state shared, so one worker), and the CPS
// portal on a second mock-server:
// - "nginx-subpath": the whole suite against Debian's nginx running the shipped configuration
//   (deploy/nginx; run-test-nginx.sh says the little it changes) over HTTPS, serving dist-portal/
//   (built with --public-url /portal/) at /portal/ and proxying the APIs to mock-server's HTTPS
//   listeners with their certificates verified: sub-path hosting, TLS, CSP and cache headers
//   from nginx.
// - "mock-root": the tests tagged @root against mock-server's plain listener, serving dist/ at
//   the root (the demo setup, CSP from mock-server).
// - "cps": the tests tagged @cps against another mock-server (its own world) serving dist/ with
//   --portal-backend cps, so config.json says "backend": "cps" (Ivanti CPS, /msa/v1/cps).
// - "uem": the tests tagged @uem against a third mock-server serving the portal with
//   "backend": "uem" (--portal-backend uem), as a BlackBerry UEM site would.
// ./x test builds dist/, dist-portal/ and mock-server first. E2E_NGINX=0 runs mock-root, cps and uem.
// mock-root and nginx-subpath have the certificate platform (config.json "pki", SCEP profiles): see portalPki below.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MOCK_PORT = port('MOCK_PORT', 18080);
const UEM_PORT = port('UEM_PORT', 18090);
const NGINX_PORT = port('NGINX_PORT', 18081);
export const NGINX_HTTP_PORT = port('NGINX_HTTP_PORT', 18082);
export const MOCK_TLS_PORT = port('MOCK_TLS_PORT', 18083);
export const MOCK_MTLS_PORT = port('MOCK_MTLS_PORT', 18084);
const CPS_PORT = port('CPS_PORT', 18085);
const withNginx = process.env.E2E_NGINX !== '0';
export const MOCK_URL = `http://127.0.0.1:${MOCK_PORT}`;
export const NGINX_URL = `https://127.0.0.1:${NGINX_PORT}/portal/`;
export const CPS_URL = `http://127.0.0.1:${CPS_PORT}`;
export const UEM_URL = `http://127.0.0.1:${UEM_PORT}`;

// The run's certificates (deploy/nginx/test-certs.sh: test CA, mock-server, nginx, nginx's
// client certificate), made once by the process that loads this file first; the workers inherit
// the directory through the environment. Removed when that process ends.
if (withNginx && !process.env.E2E_TLS_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'mdm-portal-e2e-tls-'));
  process.env.E2E_TLS_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  execFileSync(join(__dirname, '..', 'deploy', 'nginx', 'test-certs.sh'), [dir], { stdio: 'inherit' });
}
export const TLS_DIR = process.env.E2E_TLS_DIR ?? '';
const mockTls = withNginx
  ? ` --tls-addr 127.0.0.1:${MOCK_TLS_PORT} --mtls-addr 127.0.0.1:${MOCK_MTLS_PORT}` +
    ` --tls-cert ${TLS_DIR}/mock.pem --tls-key ${TLS_DIR}/mock.key --client-ca ${TLS_DIR}/ca.pem`
  : '';

// The portal manages SCEP profiles on the mock's CZERTAINLY API in both setups: mock-server lays
// "pki" over the config.json it serves (--portal-pki), run-test-nginx.sh over dist-portal's. With
// nginx, CZERTAINLY is reached only through it (its client certificate, checked by the mock's
// --mtls-addr listener); without, the mock's plain listener accepts requests without one.
const portalPki = withNginx ? ' --portal-pki' : ' --portal-pki --czertainly-open';

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
    // nginx's certificate is issued by the run's test CA, which the browser does not know.
    ...(withNginx
      ? [{ name: 'nginx-subpath', grepInvert: /@cps|@uem/, use: { ...chromium, baseURL: NGINX_URL, ignoreHTTPSErrors: true } }]
      : []),
    // Tests tagged @nginx check the deployment itself: nginx-subpath only.
    {
      name: 'mock-root',
      grep: withNginx ? /@root/ : undefined,
      grepInvert: withNginx ? /@cps|@uem/ : /@nginx|@cps|@uem/,
      use: { ...chromium, baseURL: `${MOCK_URL}/` },
    },
    { name: 'cps', grep: /@cps/, use: { ...chromium, baseURL: `${CPS_URL}/` } },
    // The portal configured for BlackBerry UEM (tenant SRP00000), on its own mock-server.
    { name: 'uem', grep: /@uem/, use: { ...chromium, baseURL: `${UEM_URL}/` } },
  ],
  webServer: [
    {
      command: `../target/server/mock-server --addr 127.0.0.1:${MOCK_PORT} --devices 2000 --seed 1 --dist ../dist --test-hooks${mockTls}${portalPki}`,
      url: `${MOCK_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `../target/server/mock-server --addr 127.0.0.1:${CPS_PORT} --devices 2000 --seed 1 --dist ../dist --test-hooks --portal-backend cps`,
      url: `${CPS_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `../target/server/mock-server --addr 127.0.0.1:${UEM_PORT} --devices 200 --seed 1 --dist ../dist --test-hooks --portal-backend uem`,
      url: `${UEM_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...(withNginx
      ? [
          {
            command:
              `../deploy/nginx/run-test-nginx.sh serve --https ${NGINX_PORT} --http ${NGINX_HTTP_PORT}` +
              ` --mock-tls ${MOCK_TLS_PORT} --mock-mtls ${MOCK_MTLS_PORT} --tls ${TLS_DIR} --dist ../dist-portal`,
            url: `${NGINX_URL}healthz`,
            ignoreHTTPSErrors: true,
            reuseExistingServer: false,
            timeout: 30_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
  ],
});
