// Trunk post-build hook (runs with TRUNK_STAGING_DIR, the output being built, and TRUNK_PUBLIC_URL):
// 0. splits the wasm (tools/split-wasm.mjs, imported first: ES modules run their imports first);
// 1. moves the inline start-up <script type="module"> that trunk writes into index.html to its own
//    file (with Subresource Integrity), so the portal runs under a strict Content-Security-Policy:
//    `script-src 'self' 'wasm-unsafe-eval'`, no 'unsafe-inline';
// 2. precompresses the text and wasm files (`.br`, `.gz`) for static hosts that serve them as is
//    (nginx `gzip_static`/`brotli_static`, mock-server).
import './split-wasm.mjs';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) {
  console.error(`post-build: expected one inline module script in index.html, found ${found.length}`);
  process.exit(1);
}
const [whole, body] = found[0];
const code = body.trim() + '\n';
const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
const sri = 'sha384-' + createHash('sha384').update(code).digest('base64');
writeFileSync(join(dir, name), code);
const base = publicUrl.endsWith('/') ? publicUrl : publicUrl + '/';
const tag = `<script type="module" src="${base}${name}" integrity="${sri}" crossorigin="anonymous"></script>`;
const out = html.replace(whole, tag);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out) || /\son[a-z]+=/i.test(out)) {
  console.error('post-build: index.html still has inline script or event handler attributes');
  process.exit(1);
}
writeFileSync(htmlPath, out);
console.log(`post-build: start script moved to ${name}`);

// Precompress. index.html and config.json too: hosts must serve them with no-cache, not skip them.
let saved = 0;
for (const f of readdirSync(dir)) {
  if (!/\.(wasm|js|css|html|json|svg)$/.test(f)) continue;
  const path = join(dir, f);
  const raw = readFileSync(path);
  if (raw.length < 512) continue;
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: f.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(path + '.br', br);
  writeFileSync(path + '.gz', gz);
  saved += raw.length - br.length;
}
console.log(`post-build: precompressed (brotli saves ${Math.round(saved / 1024)} KiB)`);
