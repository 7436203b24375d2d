// The module/component twin: fixtures/bench/twin.c compiled with npm @yowasp/clang for
// wasm32-wasip1 as a reactor, benchmarked once as that core module and once as a component made
// from it with jco (`componentEmbed` of a small WIT world, `componentNew` with the preview1
// reactor adapter). Both inputs are cached by content under bench/.work/twin/.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from './cache.mjs';
import { clangVersion, compileC } from './clang.mjs';
import { callComponent } from './component.mjs';
import { fixturesDir, packageDir, workDir } from './paths.mjs';

const source = join(fixturesDir, 'bench', 'twin.c');
const twinDir = join(workDir, 'twin');
const clangArgs = ['--target=wasm32-wasip1', '-O2', '-s', '-mexec-model=reactor'];
const wit = `package local:bench-twin;
world twin {
  export wizer-initialize: func();
  export probe: func() -> u32;
}
`;
const label = 'C reactor (sieve of 2^23 + 1M-slot hash map)';
const note =
  'The twin rows are one C program (`fixtures/bench/twin.c`), wizened as a core module and as a ' +
  "component made from it with the preview1 reactor adapter: the component's cost beside the " +
  "module's. Upstream Wizer 11 refuses components, so it runs only the module.";

/** The core module twin. */
export async function prepareTwinModule() {
  const { modulePath } = await buildTwin();
  return {
    name: `${label}, core module`,
    inputPath: modulePath,
    extra: note,
    wizerInvocation: (outPath) => ({ args: ['--allow-wasi', '-o', outPath, modulePath] }),
    validate: (outPath) => validateModule(modulePath, outPath),
  };
}

/** The same program as a component; upstream is not run on it. */
export async function prepareTwinComponent() {
  const { modulePath, componentPath } = await buildTwin();
  return {
    name: `${label}, component`,
    inputPath: componentPath,
    extra: note,
    unsupported: { upstream: 'n/a (refuses components)' },
    wizerInvocation: (outPath) => ({ args: ['--allow-wasi', '-o', outPath, componentPath] }),
    validate: (outPath) => validateComponent(modulePath, outPath),
  };
}

let built;

/** Compiles the reactor and wraps it into a component, unless both are cached for this content. */
function buildTwin() {
  built ??= (async () => {
    const jcoDir = packageDir('@bytecodealliance/jco');
    const jcoVersion = readPackageVersion(jcoDir);
    const jco = await import('@bytecodealliance/jco');
    const adapter = readFileSync(jco.preview1AdapterReactorPath());
    const cSource = readFileSync(source);
    const key = contentHash([
      cSource,
      clangVersion(),
      clangArgs.join(' '),
      `@bytecodealliance/jco@${jcoVersion}`,
      adapter,
      wit,
    ]).slice(0, 16);
    const modulePath = join(twinDir, `twin-${key}.wasm`);
    const componentPath = join(twinDir, `twin-${key}.component.wasm`);
    if (existsSync(modulePath) && existsSync(componentPath)) return { modulePath, componentPath };
    mkdirSync(twinDir, { recursive: true });
    const core = await compile(cSource);
    const embedded = await jco.componentEmbed({ binary: core, witSource: wit, world: 'twin' });
    const component = await jco.componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
    writeAtomically(modulePath, core);
    writeAtomically(componentPath, component);
    return { modulePath, componentPath };
  })();
  return built;
}

function readPackageVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

function writeAtomically(path, bytes) {
  const partial = `${path}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
}

/** The reactor's module: the source in, out.wasm back. */
function compile(cSource) {
  return compileC({ src: { 'twin.c': cSource } }, [...clangArgs, 'src/twin.c']);
}

/**
 * Instantiates a core module with WASI calls that succeed and do nothing (init prints one line:
 * stdio setup and `fd_write`, whose bytes are discarded and reported written).
 */
function instantiate(bytes) {
  const module = new WebAssembly.Module(bytes);
  const imports = {};
  let memory;
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    (imports[from] ??= {})[name] = () => 0;
  }
  if (imports.wasi_snapshot_preview1?.fd_write) {
    imports.wasi_snapshot_preview1.fd_write = (fd, iovs, count, written) => {
      const view = new DataView(memory.buffer);
      let total = 0;
      for (let i = 0; i < count; i++) total += view.getUint32(iovs + i * 8 + 4, true);
      view.setUint32(written, total, true);
      return 0;
    };
  }
  const { exports } = new WebAssembly.Instance(module, imports);
  memory = exports.memory;
  return exports;
}

/** What the original answers after `_initialize` and init: the answer every output must give. */
function expectedProbe(modulePath) {
  const exports = instantiate(readFileSync(modulePath));
  if (exports.probe() !== 0) throw new Error('the original answers before init');
  exports._initialize?.();
  exports['wizer-initialize']();
  // As unsigned, as jco lifts the component's u32 result.
  const answer = exports.probe() >>> 0;
  if (answer === 0) throw new Error('the original answers 0 after init');
  return answer;
}

function validateModule(modulePath, outPath) {
  const expected = expectedProbe(modulePath);
  const exports = instantiate(readFileSync(outPath));
  const left = ['_initialize', 'wizer-initialize'].filter((name) => name in exports);
  if (left.length > 0) throw new Error(`still exports ${left.join(', ')}`);
  const answer = exports.probe() >>> 0;
  if (answer !== expected) throw new Error(`probe answered ${answer}, expected ${expected}`);
  return `init exports removed, probe answers ${expected} without init`;
}

/** Transpiled by jco and run on preview2-shim: the output component answers without init. */
async function validateComponent(modulePath, outPath) {
  const expected = expectedProbe(modulePath);
  const [answer] = await callComponent(readFileSync(outPath), [['probe', []]]);
  if (answer !== expected) throw new Error(`probe answered ${answer}, expected ${expected}`);
  return `jco-transpiled output answers probe ${expected} without init`;
}
