/**
 * Component wizening, as `wasmtime wizer` does it, on V8. The core phases do the work for every
 * core module the component instantiates; this file strings them together around the component:
 *
 *   parse component (refusals) -> validate + instrument each instantiated core module
 *   -> load jco's glue for the ORIGINAL component -> instantiate it with the instrumented modules
 *   (capturing each core instance) and, with --allow-wasi, our confined WASI 0.2 host
 *   -> call the init function -> reset the preview1 adapter's WASI state (adapter.ts)
 *   -> snapshot each core instance -> rewrite each module in place
 *   -> remove the init export from the component (unless --keep-init-func)
 *
 * Modules never instantiated and every other section are copied byte for byte.
 */
import { addOptimizeReports, optimizeOutput } from '../optimize/index.js';
import { WizerError } from '../errors.js';
import { ValTypeCode } from '../wasm/constants.js';
import { createWasi2Host, type Wasi2Host } from '../wasi2/index.js';
import {
  instrument,
  sitesToEdit,
  type GlobalProbe,
  type Instrumented,
} from '../wizer/instrument.js';
import {
  phaseClock,
  type Logger,
  type OptimizeReport,
  type WizenOptions,
  type WizenResult,
} from '../wizer/options.js';
import { compileValidatedAsync } from '../wizer/lazy-validation.js';
import { rewrite } from '../wizer/rewrite.js';
import { snapshot, type InstanceState } from '../wizer/snapshot.js';
import { validateModule } from '../wizer/validate.js';
import type { ModuleContext } from '../wizer/context.js';
import { releaseAdapterHandles, type CoreInstanceRecord } from './adapter.js';
import { isAsyncLifted, jsName, loadComponentGlue, type ComponentExports } from './glue.js';
import { findInitExport, type InitExport } from './init-func.js';
import { parseComponent } from './parse.js';
import {
  callArguments,
  findCallExport,
  formatResults,
  isCallExpression,
  parseCallExpression,
  type WaveSignature,
} from './wave.js';
import { rewriteComponent } from './rewrite.js';

/** One instantiated core module on its way through the core phases. */
interface CoreModuleRun {
  moduleIndex: number;
  cx: ModuleContext;
  instrumented: Instrumented;
  compiled: WebAssembly.Module;
  instance?: WebAssembly.Instance;
}

export async function wizenComponent(
  input: Uint8Array,
  options: WizenOptions,
  logger: Logger,
): Promise<WizenResult> {
  const { timings, lap, stop } = phaseClock();

  if (options.renames.length > 0) {
    throw new WizerError('components do not support renaming functions');
  }
  if (options.preloads.length > 0) {
    throw new WizerError('--preload cannot be used with components');
  }

  logger.debug('Parsing the input component', 'parse');
  const parsed = parseComponent(input);
  const runs: CoreModuleRun[] = [];
  for (const module of parsed.modules) {
    if (module.instance === undefined) continue; // never instantiated: copied as it is
    const bytes = input.subarray(module.range.start, module.range.end);
    const { cx, codeFeatures } = await validateModule(bytes, options.features, {
      inComponent: true,
    });
    if (cx.globals.some((g) => g.mutable && g.type.code === ValTypeCode.V128)) {
      throw new WizerError('component wizening does not support v128 globals');
    }
    lap('parse');
    const instrumented = instrument(cx, ...sitesToEdit(codeFeatures, options));
    lap('instrument');
    const compiled = await WebAssembly.compile(instrumented.wasm as Uint8Array<ArrayBuffer>);
    runs.push({ moduleIndex: module.index, cx, instrumented, compiled });
    lap('compile');
  }
  // `-f` is a function name, or a WAVE call expression with arguments (`f("x", 3)`).
  const call = isCallExpression(options.initFunc)
    ? parseCallExpression(options.initFunc)
    : undefined;
  const init =
    call === undefined ? findInitExport(parsed, options.initFunc) : findCallExport(parsed, call);
  if (
    call === undefined &&
    init.funcType &&
    (init.funcType.params > 0 || init.funcType.results > 0)
  ) {
    throw new WizerError(
      `the component's \`${options.initFunc}\` function export does not have type \`[] -> []\``,
    );
  }
  const signature = init.funcType?.signature;
  const args = call === undefined ? [] : callArguments(call, init.funcType?.params, signature);

  const glue = await loadComponentGlue(input);
  lap('compile');
  // No arguments: the library is given bytes, not a file (upstream passes the file's name).
  const host: Wasi2Host | undefined = options.allowWasi ? createWasi2Host(options) : undefined;
  try {
    logger.debug('Calling the initialization function', 'wasmtime');
    const byModule = new Map(runs.map((run) => [run.moduleIndex, run]));
    const byCompiled = new Map(runs.map((run) => [run.compiled, run]));
    const cores: CoreInstanceRecord[] = [];
    const component = await glue.instantiate(
      (file) => {
        const core = glue.coreModules.find((m) => m.file === file);
        if (core === undefined) throw new WizerError(`jco asked for an unknown module ${file}`);
        const run = core.moduleIndex === undefined ? undefined : byModule.get(core.moduleIndex);
        return run?.compiled ?? compileValidatedAsync(core.bytes);
      },
      hostImports(glue.imports, host),
      (module, importObject) => {
        const instance = new WebAssembly.Instance(module, importObject);
        const run = byCompiled.get(module);
        cores.push({
          module,
          imports: importObject,
          instance,
          moduleIndex: run?.moduleIndex,
          cx: run?.cx,
        });
        if (run) {
          run.instance = instance;
          // The instrumented copy exports its start function instead of running it.
          const start = run.instrumented.start;
          if (start !== undefined) (instance.exports[start] as () => void)();
        }
        return instance;
      },
    );
    const outcome = callInit(component.exports, init, args, signature);
    const printed = call === undefined ? undefined : formatResults(signature, outcome);
    if (printed !== undefined) logger.initResult?.(printed);
    // The preview1 adapter's cached WASI handles cannot be snapshotted: see adapter.ts.
    const release = releaseAdapterHandles(component, cores);
    if (release.forgotten > 0) {
      logger.debug(
        `Reset the WASI preview1 adapter (core module ${release.adapter}): the output takes ` +
          `the ${release.forgotten} WASI handles it held during init anew`,
        'wasmtime',
      );
    }
    lap('initialize');

    logger.debug('Snapshotting the initialized state', 'snapshot');
    const replacements = new Map<number, Uint8Array>();
    const snaps = runs.map((run) => {
      if (run.instance === undefined) {
        throw new WizerError(`core module ${run.moduleIndex} was never instantiated`);
      }
      const snap = snapshot(
        run.instrumented.globals,
        run.instrumented.memories,
        run.cx.memories,
        instanceState(run.instance, run.instrumented.globals, release.globals.get(run.moduleIndex)),
      );
      return { run, snap };
    });
    lap('snapshot');

    logger.debug('Rewriting input component to pre-initialized state', 'rewrite');
    let optimized: OptimizeReport | undefined;
    for (const { run, snap } of snaps) {
      const rewritten = rewrite(run.cx, snap, {
        initFunc: '',
        keepInitFunc: true,
        keepReactorInit: true,
        renames: [],
      });
      // `--optimize`: each core module on its own (binaryen cannot read components).
      const result = await optimizeOutput(rewritten, options, logger);
      optimized = addOptimizeReports(optimized, result?.report);
      replacements.set(run.moduleIndex, result?.wasm ?? rewritten);
    }
    const removeExport =
      options.keepInitFunc || init.kind !== 'root' ? undefined : init.export.name;
    const wasm = rewriteComponent(input, parsed, { replacements, removeExport });
    lap('rewrite');
    stop();
    return {
      wasm,
      report: {
        inputBytes: input.length,
        outputBytes: wasm.length,
        timings,
        memories: [],
        globals: snaps.reduce((n, { snap }) => n + snap.globals.size, 0),
        segments: snaps.reduce((n, { snap }) => n + snap.segments.length, 0),
        ...(optimized ? { optimize: optimized } : {}),
      },
    };
  } finally {
    host?.close();
  }
}

/**
 * The glue's imports: our WASI 0.2 host where allowed, and for every other interface an object
 * whose members trap when used, as upstream's unknown imports do.
 */
function hostImports(keys: readonly string[], host: Wasi2Host | undefined): Record<string, object> {
  const imports: Record<string, object> = {};
  for (const key of keys) {
    if (key.startsWith('wasi:') && host === undefined) {
      // As upstream: WASI is linked only when allowed, and a component needing it cannot start.
      throw new WizerError('failed to instantiate the component', {
        cause:
          `component imports instance \`${key}\`, but a matching implementation was not found ` +
          'in the linker (pass --allow-wasi)',
      });
    }
    imports[key] = host?.imports[key] ?? unknownInterface(key);
  }
  return imports;
}

function unknownInterface(key: string): object {
  return new Proxy(
    {},
    {
      get: (_target, member) => {
        if (typeof member !== 'string') return undefined;
        const fail = () => {
          throw new WizerError(`unknown import: \`${key}#${member}\` has not been defined`);
        };
        // Members may be functions or resource classes (constructed or called statically).
        return new Proxy(fail, { get: () => fail, construct: fail });
      },
    },
  );
}

/**
 * Calls the init function with `args`; its return value, or the err payload thrown by one whose
 * result type is a `result` (jco's glue throws it).
 */
function callInit(
  exports: ComponentExports,
  init: InitExport,
  args: readonly unknown[],
  signature: WaveSignature | undefined,
): { value: unknown } | { err: unknown } {
  let target: unknown = exports;
  for (const name of init.path) {
    const holder = target as Record<string, unknown> | undefined;
    target = holder?.[name] ?? holder?.[jsName(name)];
  }
  if (typeof target !== 'function') {
    throw new WizerError(`the component does export the function \`${init.path.join('.')}\``);
  }
  if (isAsyncLifted(target)) {
    throw new WizerError('async-lifted initialization functions are not supported');
  }
  try {
    return { value: (target as (...a: readonly unknown[]) => unknown)(...args) };
  } catch (error) {
    if (signature?.result?.kind === 'result' && !(error instanceof Error)) return { err: error };
    throw new WizerError(`the \`${init.path.join('.')}\` function trapped`, { cause: error });
  }
}

/** Reads an instance's state; `overrides` replaces globals by defined index (adapter.ts). */
function instanceState(
  instance: WebAssembly.Instance,
  probes: readonly GlobalProbe[],
  overrides: ReadonlyMap<number, number> | undefined,
): InstanceState {
  const replaced = new Map<string, number>();
  for (const probe of probes) {
    const value = overrides?.get(probe.globalIndex);
    if (value !== undefined && probe.exports.length === 1) replaced.set(probe.exports[0]!, value);
  }
  return {
    globalGet: (name) => replaced.get(name) ?? (instance.exports[name] as () => number | bigint)(),
    memoryContents: (name) => new Uint8Array((instance.exports[name] as WebAssembly.Memory).buffer),
    memory: (name) => instance.exports[name] as WebAssembly.Memory,
  };
}
