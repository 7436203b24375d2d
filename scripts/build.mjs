// Bundles the three entry points with ncc: the CLI, the action and the library (the npm package's
// import). ncc always writes `<outdir>/index.js`, so each entry is built into its own scratch
// directory and the bundle is moved into dist/. Then the library's declarations go to dist/types/.
// `--out DIR` builds into DIR instead (a private bundle to test with WIZER_TEST_CLI=DIR/cli.js).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
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
  { source: 'src/index.ts', output: 'lib.js' },
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
  nameChunksAfterEntry(out, entry.output);
  for (const file of readdirSync(out)) {
    if (file === 'index.js') renameSync(join(out, file), join(assembled, entry.output));
    else if (file !== 'package.json')
      cpSync(join(out, file), join(assembled, file), { recursive: true });
  }
}
// The CLI and the library (and their chunks) must be ASCII: one other character makes V8 hold (and
// Node decode) the whole 400 KB source as a two-byte string, which costs every run a few
// milliseconds to start.
for (const output of readdirSync(assembled).filter((f) => /^(\d+\.)?(cli|lib)\.js$/.test(f))) {
  const lines = readFileSync(join(assembled, output), 'utf8').split('\n');
  const offending = lines.flatMap((line, i) =>
    /[\u0080-\uffff]/.test(line) ? [`${i + 1}: ${line}`] : [],
  );
  if (offending.length > 0) {
    throw new Error(
      `dist/${output} has non-ASCII characters (write \\uXXXX):\n${offending.join('\n')}`,
    );
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
emitDeclarations(join(assembled, 'types'));
rmSync(dist, { recursive: true, force: true });
mkdirSync(dirname(dist), { recursive: true });
renameSync(assembled, dist);
rmSync(scratch, { recursive: true, force: true });

/**
 * Layers a core-module run never needs (components, binaryen's optimization) are imported
 * dynamically, so they are not parsed on every start: ncc writes them as chunks named
 * `<id>.index.js` for every entry, where the same id can hold different modules in two entries.
 * Renames an entry's chunks to `<id>.<entry>.js` and its loader with them.
 */
function nameChunksAfterEntry(out, output) {
  const chunks = readdirSync(out).filter((file) => /^\d+\.index\.js$/.test(file));
  const suffix = `.${output}`;
  if (chunks.length === 0 || suffix === '.index.js') return;
  const bundle = join(out, 'index.js');
  const loader = 'return "" + chunkId + ".index.js";';
  const text = readFileSync(bundle, 'utf8');
  if (text.split(loader).length !== 2) {
    throw new Error(`${output}: expected one chunk loader \`${loader}\` in ncc's output`);
  }
  writeFileSync(bundle, text.replace(loader, `return "" + chunkId + "${suffix}";`));
  for (const chunk of chunks) {
    renameSync(join(out, chunk), join(out, chunk.replace(/\.index\.js$/, suffix)));
  }
}

/**
 * The library's `.d.ts` files (tsconfig.types.json), keeping only those index.d.ts reaches: tsc
 * writes one per source file the entry imports, most of them internal. A consumer needs no
 * package's types to read them, so an import of anything but a relative file fails the build.
 */
function emitDeclarations(outDir) {
  const emitted = join(scratch, 'types');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json', '--outDir', emitted], {
    stdio: 'inherit',
    cwd: root,
  });
  const pending = ['index.d.ts'];
  const kept = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (kept.has(file)) continue;
    kept.add(file);
    const text = readFileSync(join(emitted, file), 'utf8');
    if (/^\/\/\/\s*<reference/m.test(text)) {
      throw new Error(`dist/types/${file}: a triple-slash reference would need another package`);
    }
    for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport\(?)\s*['"]([^'"]+)['"]/g)) {
      if (!specifier.startsWith('.')) {
        throw new Error(`dist/types/${file} imports '${specifier}': public types must stand alone`);
      }
      const target = join(dirname(file), specifier.replace(/\.js$/, '.d.ts'));
      if (!existsSync(join(emitted, target))) throw new Error(`dist/types/${target} is missing`);
      pending.push(target);
    }
  }
  for (const file of kept) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    cpSync(join(emitted, file), join(outDir, file));
  }
}
