// Bundles the two entry points with ncc. ncc always writes `<outdir>/index.js`, so each entry is
// built into its own scratch directory and the bundle is moved into dist/.
// `--out DIR` builds into DIR instead (a private bundle to test with WIZER_TEST_CLI=DIR/cli.js).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const dist = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'dist');
const scratch = join(root, '.tmp', `build-${process.pid}`);
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const entries = [
  { source: 'src/cli/index.ts', output: 'cli.js' },
  { source: 'src/action/index.ts', output: 'index.js' },
];

// Assembled aside and swapped in at the end, so a test running meanwhile never sees half a dist/.
const assembled = join(scratch, 'dist');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(assembled, { recursive: true });
for (const entry of entries) {
  const out = join(scratch, entry.output.replace(/\.js$/, ''));
  execFileSync(
    process.execPath,
    [ncc, 'build', join(root, entry.source), '-o', out, '-q', '--target', 'es2023'],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  for (const file of readdirSync(out)) {
    if (file === 'index.js') renameSync(join(out, file), join(assembled, entry.output));
    else if (file !== 'package.json')
      cpSync(join(out, file), join(assembled, file), { recursive: true });
  }
}
writeFileSync(join(assembled, 'package.json'), '{"type":"module"}\n');
// The WAT parser for `.wat` preloads, as published (ncc cannot bundle Emscripten output).
cpSync(join(root, 'node_modules', 'wabt', 'index.js'), join(assembled, 'wabt.cjs'));
cpSync(join(root, 'node_modules', 'wabt', 'LICENSE'), join(assembled, 'wabt.LICENSE'));
// jco's component transpiler, read only when a component is pre-initialized: its JS (whose WASI
// imports src/component/transpiler.ts replaces when loading it) and its core modules.
const jcoTranspile = join(root, 'node_modules', '@bytecodealliance', 'jco-transpile');
const jcoOut = join(assembled, 'jco-transpile');
mkdirSync(jcoOut);
for (const name of readdirSync(join(jcoTranspile, 'vendor'))) {
  if (/^js-component-bindgen-component\.(js|core\d*\.wasm)$/.test(name)) {
    cpSync(join(jcoTranspile, 'vendor', name), join(jcoOut, name));
  }
}
cpSync(join(jcoTranspile, 'LICENSE'), join(jcoOut, 'LICENSE'));
// binaryen.js for `--optimize`, loaded only then (src/optimize/binaryen.ts): one ES module with
// its Wasm inside, as published.
const binaryenOut = join(assembled, 'binaryen');
mkdirSync(binaryenOut);
for (const name of ['index.js', 'LICENSE']) {
  cpSync(join(root, 'node_modules', 'binaryen', name), join(binaryenOut, name));
}
writeFileSync(join(binaryenOut, 'package.json'), '{"type":"module"}\n');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dirname(dist), { recursive: true });
renameSync(assembled, dist);
rmSync(scratch, { recursive: true, force: true });
