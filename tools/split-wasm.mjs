// Trunk post-build hook: splits the portal's wasm into the first load and one chunk per area of
// screens (src/chunk.rs, src/app/split.rs), with the steps of cargo-leptos' `--split` build.
//
// Trunk cannot split by itself: it runs wasm-bindgen on the whole module and copies only its
// output. So Trunk.toml turns trunk's wasm-opt off, and this hook, with the raw cargo output
// (linked with --emit-relocs, see .cargo/config.toml):
//   1. splits it (`wasm-split-cli`, crates.io `wasm_split_cli_support`): the main module, a
//      `split_<chunk>.wasm` per area, `chunk_<n>.wasm` for code areas share, `__wasm_split.js`;
//   2. runs wasm-bindgen on the main module only (`--keep-lld-exports`: the chunks link to it);
//   3. runs wasm-opt on every piece (release builds), two at a time, and minifies the JavaScript
//      (the glue and the loader: esbuild, from npm like wasm-opt; 21 -> ~10 kB gzip);
//   4. names the chunks and the loader by their content (`<name>-<16 hex>.wasm`), so the web
//      server can cache every file immutably (deploy/nginx, mock-server), and puts the main
//      module's files in place of trunk's, with index.html's integrity hashes updated.
// The result of steps 1-3 is kept in target/split-cache by the raw module's hash (the last four
// builds): the second build of the same code (dist-portal, served under /portal/) only copies.
// WASM_NAMES=1 keeps the function names (wasm-opt -g), for a profile with readable frames
// (bench/NOTES.md, "Profiling the wasm"); never for a shipped build.
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'release';
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!staging) {
  console.error('split-wasm: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
const BIN = 'mdm-portal';
const targetDir = resolve(source, process.env.CARGO_TARGET_DIR ?? 'target');
const raw = join(targetDir, 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);
if (!existsSync(raw)) {
  console.error(`split-wasm: ${raw} is missing: trunk's cargo build should have written it`);
  process.exit(1);
}

const sha = (buf, alg = 'sha256') => createHash(alg).update(buf).digest('hex');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const keepNames = process.env.WASM_NAMES === '1';
const optArgs = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', ...(keepNames ? ['-g'] : [])];

function optimise(file) {
  return new Promise((ok, fail) => {
    const p = spawn('wasm-opt', [...optArgs, file, '-o', file], { stdio: 'inherit' });
    p.on('error', fail);
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`wasm-opt ${file} exited with ${code}`))));
  });
}

async function optimiseAll(files, parallel = 2) {
  // The biggest first, so that the two workers finish together.
  const queue = files.map((f) => [statSync(f).size, f]).sort((a, b) => b[0] - a[0]).map(([, f]) => f);
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let f; (f = queue.shift()); ) await optimise(f);
  }));
}

// 1-3, or the cached result of an earlier build of the same module
const rawBytes = readFileSync(raw);
// Keyed by this script too: a change to the steps is a new result, not the last one's.
const self = readFileSync(new URL(import.meta.url));
const cache = join(targetDir, 'split-cache', `${profile}${keepNames ? '-names' : ''}-${sha(Buffer.concat([rawBytes, self])).slice(0, 24)}`);
if (!existsSync(join(cache, 'done'))) {
  const work = `${cache}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('wasm-split-cli', ['--target', 'web', '--out-name', BIN, raw, work]);
  run('wasm-bindgen', [
    '--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-name', BIN, '--out-dir', work,
    join(work, `${BIN}.wasm`),
  ]);
  rmSync(join(work, `${BIN}.wasm`));
  if (profile === 'release') {
    await optimiseAll(readdirSync(work).filter((f) => f.endsWith('.wasm')).map((f) => join(work, f)));
    for (const f of [`${BIN}.js`, '__wasm_split.js']) {
      // Transformed one file at a time, not bundled: imports, exports and the strings naming the
      // files (renamed in step 4) stay as they are.
      // wasm-bindgen imports the loader once per chunk under the same key of its imports object
      // (the same module each time): esbuild's warning about those keys is silenced.
      run('esbuild', [join(work, f), '--minify', '--format=esm', '--log-level=warning',
        '--log-override:duplicate-object-key=silent', '--allow-overwrite', `--outfile=${join(work, f)}`]);
    }
  }
  writeFileSync(join(work, 'done'), '');
  rmSync(cache, { recursive: true, force: true });
  renameSync(work, cache);
  const root = join(targetDir, 'split-cache');
  const old = readdirSync(root)
    .map((d) => [statSync(join(root, d)).mtimeMs, d])
    .sort((a, b) => b[0] - a[0])
    .slice(4);
  for (const [, d] of old) rmSync(join(root, d), { recursive: true, force: true });
}

// 4. trunk's names for the main module, content names for the rest
const html = readFileSync(join(staging, 'index.html'), 'utf8');
const mainJs = readdirSync(staging).find((f) => f.startsWith(`${BIN}-`) && f.endsWith('.js'));
const mainWasm = readdirSync(staging).find((f) => f.startsWith(`${BIN}-`) && f.endsWith('_bg.wasm'));
if (!mainJs || !mainWasm) {
  console.error(`split-wasm: trunk's ${BIN}-<hash>.js or _bg.wasm is not in ${staging}`);
  process.exit(1);
}
const named = (file, bytes) => {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot).replace(/^split_+/, '')}-${sha(bytes).slice(0, 16)}${file.slice(dot)}`;
};
let loader = readFileSync(join(cache, '__wasm_split.js'), 'utf8');
if (!loader.includes(`"./${BIN}.js"`)) {
  console.error(`split-wasm: __wasm_split.js does not import ./${BIN}.js`);
  process.exit(1);
}
let chunks = 0;
for (const f of readdirSync(cache)) {
  if (!f.endsWith('.wasm') || f === `${BIN}_bg.wasm`) continue;
  const bytes = readFileSync(join(cache, f));
  const name = named(f, bytes);
  if (!loader.includes(`"./${f}"`)) {
    console.error(`split-wasm: ${f} is not named in __wasm_split.js`);
    process.exit(1);
  }
  loader = loader.replaceAll(`"./${f}"`, `"./${name}"`);
  writeFileSync(join(staging, name), bytes);
  chunks++;
}
// The loader and the main module's glue import each other, so neither can be named by its final
// content alone: the loader is named by everything its content follows from (itself before the
// glue's name is put in, the glue, the main module), the glue by its content.
const glue = readFileSync(join(cache, `${BIN}.js`), 'utf8');
const wasm = readFileSync(join(cache, `${BIN}_bg.wasm`));
const loaderName = `__wasm_split-${sha(loader + sha(glue) + sha(wasm)).slice(0, 16)}.js`;
// Only the import statements: the wasm's own import module keeps its name in the imports object.
const loaderImport = /from\s*"\.\/__wasm_split\.js"/g;
if (glue.search(loaderImport) < 0) {
  console.error('split-wasm: the wasm-bindgen glue does not import ./__wasm_split.js');
  process.exit(1);
}
const js = glue.replaceAll(loaderImport, `from "./${loaderName}"`);
// Trunk named the main module's files after its own (unsplit) output: named here by their content
// instead, and index.html (its preload links, with their integrity, and the start-up script) told.
const jsName = `${BIN}-${sha(js).slice(0, 16)}.js`;
const wasmName = `${BIN}-${sha(wasm).slice(0, 16)}_bg.wasm`;
rmSync(join(staging, mainJs));
rmSync(join(staging, mainWasm));
writeFileSync(join(staging, jsName), js);
writeFileSync(join(staging, wasmName), wasm);
writeFileSync(join(staging, loaderName), loader.replace(`"./${BIN}.js"`, `"./${jsName}"`));
const sri = (buf) => 'sha384-' + createHash('sha384').update(buf).digest('base64');
const updated = html
  .replace(/(<link[^>]*href="(?:[^"]*\/)?([^"/]+)"[^>]*integrity=")([^"]+)(")/g, (all, head, file, _old, tail) => {
    if (file === mainJs) return head + sri(js) + tail;
    if (file === mainWasm) return head + sri(wasm) + tail;
    return all;
  })
  .replaceAll(mainJs, jsName)
  .replaceAll(mainWasm, wasmName);
writeFileSync(join(staging, 'index.html'), updated);
const kb = (n) => `${Math.round(n / 1024)} KiB`;
console.log(`split-wasm: ${wasmName} ${kb(wasm.length)} + ${chunks} chunks, loader ${loaderName}`);
