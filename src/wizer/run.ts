/**
 * Phase 4: run. Compiles the instrumented module on V8, links it (WASI preview1, preloaded modules,
 * trapping stubs for every other function import), instantiates it (running the start function),
 * then calls `_initialize` if exported and finally the init function, exactly as upstream does.
 */
import { guestSources } from '../sources/index.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WizerError, osError } from '../errors.js';
import { guestEnvironment } from '../wasi/environment.js';
import { Wasi, type WasiInstance } from '../wasi/index.js';
import { ExternalKind } from '../wasm/constants.js';
import { readNames } from '../wasm/names.js';
import type { ModuleContext } from './context.js';
import { type Environment, type Namespace, define, linkImports } from './link.js';
import { compileValidated } from './lazy-validation.js';
import { parseModule } from './parse.js';
import { START_EXPORT, deferStartFunction } from './instrument.js';
import type { Preload, WasmFeatures, WizenOptions } from './options.js';
import type { InstanceState } from './snapshot.js';
import { type HomeModule, guestFailure } from './traps.js';
import { checkFeatureFlags, checkPreloadFeatures, validationFailure } from './validate.js';

const REACTOR_INIT = '_initialize';

/**
 * Builds the guest environment in upstream's order: WASI context (preopens are opened even without
 * `--allow-wasi`), the feature flags' consistency, then each preload, instantiated through the linker so it may import WASI or
 * earlier preloads and its start function runs now.
 */
export async function buildEnvironment(options: WizenOptions): Promise<Environment> {
  const wasi = new Wasi({
    env: guestEnvironment(options),
    inheritStdio: options.inheritStdio,
    stdoutToStderr: options.guestStdoutToStderr,
    preopens: options.preopens,
    escapeWorkflowCommands: options.escapeWorkflowCommands,
    sources: guestSources(options),
  });
  const environment: Environment = { wasi, allowWasi: options.allowWasi, preloads: new Map() };
  try {
    // Upstream's engine configuration refuses bad feature flags before any preload is compiled.
    checkFeatureFlags(options.features);
    for (const preload of options.preloads) {
      const namespace = await instantiatePreload(preload, environment, options.features);
      define(environment, preload.name, namespace);
    }
  } catch (error) {
    wasi.dispose();
    throw error;
  }
  return environment;
}

async function instantiatePreload(
  preload: Preload,
  environment: Environment,
  features: WasmFeatures,
): Promise<Namespace> {
  let module: WebAssembly.Module;
  let cx: ModuleContext;
  let deferred: { wasm: Uint8Array; codeShift: number };
  try {
    const bytes = await readModuleFile(preload.path);
    deferred = deferStartFunction(bytes);
    module = compileValidated(deferred.wasm);
    cx = parseModule(bytes);
    // Upstream compiles preloads with the main module's engine configuration.
    checkPreloadFeatures(cx, features);
  } catch (error) {
    throw new WizerError('failed to parse preload module', { cause: error });
  }
  try {
    const wasi = environment.wasi.forInstance();
    const instance = new WebAssembly.Instance(module, linkImports(cx, environment, wasi, false));
    bindMemory(wasi, instance);
    const start = instance.exports[START_EXPORT];
    if (typeof start === 'function') start();
    const namespace: Namespace = new Map();
    for (const exp of cx.exports) {
      const funcType =
        exp.kind === ExternalKind.Func ? cx.types[cx.funcTypeIndices[exp.index]!] : undefined;
      namespace.set(exp.name, {
        value: instance.exports[exp.name]!,
        kind: exp.kind,
        type: funcType,
      });
    }
    return namespace;
  } catch (error) {
    // Upstream runs the preload as given; V8 runs the copy with the start function exported.
    const home = {
      upstreamOffset: (offset: number) => offset - deferred.codeShift,
      names: () => readNames(cx.bytes, cx.sections),
    };
    throw new WizerError('failed to instantiate preload module', {
      cause: guestFailure(undefined, error, home),
    });
  }
}

async function readModuleFile(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new WizerError(`failed to read from \`${path}\``, { cause: osError(error) });
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61) return bytes;
  return watToBinary(path, new TextDecoder().decode(bytes));
}

/**
 * WAT preloads are assembled with wabt, loaded only when needed: from `wabt.cjs` beside the bundle
 * (the build copies it there, since ncc cannot bundle an Emscripten module), else the package.
 */
async function watToBinary(path: string, text: string): Promise<Uint8Array> {
  type Wabt = {
    parseWat(
      name: string,
      text: string,
      features?: Record<string, boolean>,
    ): {
      resolveNames(): void;
      toBinary(o: object): { buffer: Uint8Array };
      destroy(): void;
    };
  };
  const load = createRequire(import.meta.url);
  let wabtInit: (() => Promise<Wabt>) | undefined;
  // Names in an array keep bundlers from trying to inline them.
  for (const name of ['./wabt.cjs', 'wabt']) {
    try {
      wabtInit = load(name) as () => Promise<Wabt>;
      break;
    } catch {
      // try the next place
    }
  }
  if (wabtInit === undefined) {
    throw new WizerError(
      `\`${path}\` is not a binary Wasm module and the WAT parser (npm \`wabt\`) is not installed`,
    );
  }
  const parsed = (await wabtInit()).parseWat(path, text, { multi_memory: true, memory64: true });
  try {
    parsed.resolveNames();
    return parsed.toBinary({ write_debug_names: true }).buffer;
  } finally {
    parsed.destroy();
  }
}

function bindMemory(wasi: WasiInstance, instance: WebAssembly.Instance): void {
  const memory = instance.exports['memory'];
  wasi.bindMemory(memory instanceof WebAssembly.Memory ? memory : undefined);
}

/** Compiles the instrumented module on V8 (which fully validates it). */
export function compile(instrumented: Uint8Array): WebAssembly.Module {
  try {
    return new WebAssembly.Module(instrumented as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw validationFailure(error);
  }
}

/** Upstream checks the init export on the compiled module, before instantiating. */
export function checkInitFunc(cx: ModuleContext, initFunc: string): void {
  const exp = cx.exports.find((e) => e.name === initFunc);
  if (!exp) {
    // Wizer 11 changed the default from `wizer.initialize`; say so where it explains the failure.
    const oldDefault =
      initFunc === 'wizer-initialize' && cx.exports.some((e) => e.name === 'wizer.initialize');
    throw new WizerError(`the Wasm module does not have a \`${initFunc}\` export`, {
      cause: oldDefault
        ? 'it exports `wizer.initialize`, the default name before Wizer 11: pass `-f wizer.initialize`'
        : undefined,
    });
  }
  if (exp.kind !== ExternalKind.Func) {
    throw new WizerError(`the Wasm module's \`${initFunc}\` export is not a function`);
  }
  const type = cx.types[cx.funcTypeIndices[exp.index]!];
  if (!type || type.params.length > 0 || type.results.length > 0) {
    throw new WizerError(
      `the Wasm module's \`${initFunc}\` function export does not have type \`[] -> []\``,
    );
  }
}

/** Upstream refuses shared memories when instantiating (its engine has them disabled). */
export function checkInstantiable(cx: ModuleContext): void {
  if (cx.memories.some((m) => m.shared)) {
    throw new WizerError(
      'shared memory support is disabled for this engine -- see `Config::shared_memory`',
    );
  }
}

/** Instantiates and runs start, `_initialize` and the init function; returns the live state. */
export function initialize(
  cx: ModuleContext,
  module: WebAssembly.Module,
  environment: Environment,
  initFunc: string,
  startExport: string | undefined,
  upstreamOffset: (offset: number) => number,
): InstanceState {
  const home: HomeModule = { upstreamOffset, names: () => readNames(cx.bytes, cx.sections) };
  const wasi = environment.wasi.forInstance();
  const imports = linkImports(cx, environment, wasi, true);
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, imports);
  } catch (error) {
    if (error instanceof WebAssembly.LinkError) {
      throw new WizerError('failed to instantiate the Wasm module', { cause: error.message });
    }
    throw guestFailure(undefined, error, home);
  }
  bindMemory(wasi, instance);
  if (startExport !== undefined) {
    try {
      (instance.exports[startExport] as () => void)();
    } catch (error) {
      // Upstream reports start traps without context.
      throw guestFailure(undefined, error, home);
    }
  }

  const reactorInit = cx.exports.find((e) => e.name === REACTOR_INIT);
  if (reactorInit && reactorInit.kind === ExternalKind.Func) {
    const type = cx.types[cx.funcTypeIndices[reactorInit.index]!];
    if (type && type.params.length > 0) {
      throw new WizerError('type mismatch with parameters', {
        cause: `expected 0 types, found ${type.params.length}`,
      });
    }
    if (type && type.results.length > 0) {
      throw new WizerError('type mismatch with results', {
        cause: `expected 0 types, found ${type.results.length}`,
      });
    }
    call(instance, REACTOR_INIT, 'calling the Reactor initialization function', home);
    if (initFunc === REACTOR_INIT) return instanceState(instance);
  }
  call(instance, initFunc, `the \`${initFunc}\` function trapped`, home);
  return instanceState(instance);
}

function call(
  instance: WebAssembly.Instance,
  name: string,
  context: string,
  home: HomeModule,
): void {
  const fn = instance.exports[name] as () => void;
  try {
    fn();
  } catch (error) {
    throw guestFailure(context, error, home);
  }
}

function instanceState(instance: WebAssembly.Instance): InstanceState {
  return {
    globalGet: (name) => (instance.exports[name] as () => number | bigint)(),
    memoryContents: (name) => new Uint8Array((instance.exports[name] as WebAssembly.Memory).buffer),
    memory: (name) => instance.exports[name] as WebAssembly.Memory,
  };
}
