// Helpers around ComponentizeJS: a `wizerBin` wrapper script, turning a wizened StarlingMonkey
// core module into a component the way ComponentizeJS 0.23 does after Wizer returns, and calling
// a component's exports through jco's transpiler.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir, workDir } from './paths.mjs';

/**
 * Writes an executable ES module that runs `script` on this Node with `fixedArgs` before its own
 * arguments. Usable as ComponentizeJS's `wizerBin`, which is spawned with an environment that
 * has no PATH: the interpreter is named by absolute path in the `#!` line, and no shell sits in
 * between (a shell would add PWD to the environment the tool sees).
 */
export function writeNodeLauncher(path, script, fixedArgs = []) {
  if (!path.endsWith('.mjs')) throw new Error(`launcher ${path} must end in .mjs`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `#!${process.execPath}\n` +
      `process.argv.splice(2, 0, ...${JSON.stringify(fixedArgs)});\n` +
      `await import(${JSON.stringify(pathToFileURL(script).href)});\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

const componentizeDir = packageDir('@bytecodealliance/componentize-js');

async function loadComponentizeParts() {
  const { splicer } = await import(
    pathToFileURL(join(componentizeDir, 'lib', 'spidermonkey-embedding-splicer.js')).href
  );
  const { DEFAULT_FEATURES } = await import('@bytecodealliance/componentize-js');
  const jco = await import('@bytecodealliance/jco');
  return { splicer, features: DEFAULT_FEATURES, jco };
}

/**
 * Checks a wizened core module with its own `check_init` export (as ComponentizeJS does), then
 * stubs its WASI imports and wraps it into a component with the preview1 reactor adapter.
 */
export async function finishComponent(coreWasm, witPath, worldName) {
  const { splicer, features, jco } = await loadComponentizeParts();
  const status = await checkInit(coreWasm);
  if (status !== 0) throw new Error(`check_init returned ${status} (0 means initialized)`);
  const stubbed = splicer.stubWasi(coreWasm, [...features], undefined, witPath, worldName);
  const adapter = await readFile(jco.preview1AdapterReactorPath());
  return jco.componentNew(stubbed, [['wasi_snapshot_preview1', adapter]], false);
}

/** Instantiates the core module with trapping imports and runs `check_init`. */
async function checkInit(coreWasm) {
  const module = await WebAssembly.compile(coreWasm);
  const imports = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') throw new Error(`unexpected ${kind} import ${from}.${name}`);
    imports[from] ??= {};
    imports[from][name] = () => {
      throw new Error(`check_init called the import ${from}.${name}`);
    };
  }
  const instance = await WebAssembly.instantiate(module, imports);
  return instance.exports.check_init();
}

let transpileCount = 0;

/**
 * Transpiles a component with jco, imports it with the WASI preview2 shim and calls exports.
 * @param {Uint8Array} component
 * @param {Array<[string, unknown[]]>} calls export name (camelCase, as jco names it) and arguments
 * @returns {Promise<unknown[]>} one result per call
 */
export async function callComponent(component, calls) {
  const { transpile } = await import('@bytecodealliance/jco');
  const name = 'component';
  const { files } = await transpile(component, { name, quiet: true, noTypescript: true });
  // Inside the repository, so the generated code resolves @bytecodealliance/preview2-shim.
  const outDir = join(workDir, 'transpiled', `${process.pid}-${transpileCount++}`);
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), bytes);
  }
  const exports = await import(pathToFileURL(join(outDir, `${name}.js`)).href);
  return calls.map(([exportName, args]) => exports[exportName](...args));
}
