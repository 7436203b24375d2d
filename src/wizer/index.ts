/**
 * The library API: `wizen(wasm, options)` pre-initializes a module and reports what it did. The
 * CLI and the action both call it. Phases run in upstream's order so the first error reported is
 * the one upstream would report:
 *
 *   environment (WASI preopens, preloads) -> parse -> validate -> instrument -> compile
 *   -> check init export -> instantiate + initialize -> snapshot -> rewrite
 */
import { WasmDecodeError, WizerError } from '../errors.js';
import type { ModuleContext } from './context.js';
import { instrument } from './instrument.js';
import {
  type Logger,
  type WizenOptions,
  type WizenResult,
  type PhaseTimings,
  type WasmFeatures,
  resolveOptions,
} from './options.js';
import { parseModule } from './parse.js';
import { rewrite } from './rewrite.js';
import { buildEnvironment, checkInitFunc, checkInstantiable, initialize } from './run.js';
import { snapshot } from './snapshot.js';
import {
  checkEngineFeatures,
  checkFeatureFlags,
  checkImportsAndExports,
  checkSupportedInstructions,
  type CodeFeatures,
} from './validate.js';
import { readPreamble } from '../wasm/module.js';
import { wizenInWorker } from './worker.js';

export * from './options.js';

const silent: Logger = { debug: () => {} };

export async function wizen(
  input: Uint8Array,
  partialOptions: Partial<WizenOptions> = {},
  logger: Logger = silent,
): Promise<WizenResult> {
  const options = resolveOptions(partialOptions);
  if (options.timeoutMs !== undefined) return wizenInWorker(input, options, logger);
  const timings: PhaseTimings = {
    parse: 0,
    instrument: 0,
    compile: 0,
    initialize: 0,
    snapshot: 0,
    rewrite: 0,
    total: 0,
  };
  const started = performance.now();
  let mark = started;
  const lap = (phase: Exclude<keyof PhaseTimings, 'total'>) => {
    const now = performance.now();
    timings[phase] += now - mark;
    mark = now;
  };

  const environment = await buildEnvironment(options);
  try {
    logger.debug('Validating input Wasm');
    checkFeatureFlags(options.features);
    logger.debug('Parsing the input Wasm', 'parse');
    const { cx, codeFeatures } = validate(input, options.features);
    lap('parse');

    logger.debug('Instrumenting the input Wasm', 'instrument');
    const instrumented = instrument(
      cx,
      options.relaxedSimdDeterministic ? codeFeatures.relaxedSimdSites : [],
    );
    lap('instrument');

    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(instrumented.wasm as Uint8Array<ArrayBuffer>);
    } catch (error) {
      throw validationFailure(error);
    }
    lap('compile');

    logger.debug('Validating the exported initialization function', 'wasmtime');
    checkInitFunc(cx, options.initFunc);
    checkInstantiable(cx);
    logger.debug('Calling the initialization function', 'wasmtime');
    const state = initialize(cx, module, environment, options.initFunc, instrumented.start);
    lap('initialize');

    logger.debug('Snapshotting the initialized state', 'snapshot');
    logger.debug('Snapshotting global values', 'snapshot');
    logger.debug('Snapshotting memories', 'snapshot');
    const snap = snapshot(instrumented.globals, instrumented.memories, cx.memories, state);
    lap('snapshot');

    logger.debug('Rewriting input Wasm to pre-initialized state', 'rewrite');
    const wasm = rewrite(cx, snap, options);
    lap('rewrite');
    timings.total = performance.now() - started;

    const memories = cx.memories.map((m, index) => {
      const runs = snap.segments.filter((s) => s.memory === index);
      return {
        index,
        pagesBefore: Number(m.limits.min),
        pagesAfter: Number(snap.memoryPages[index]),
        segments: runs.length,
        dataBytes: runs.reduce((sum, s) => sum + s.data.length, 0),
      };
    });
    return {
      wasm,
      report: {
        inputBytes: input.length,
        outputBytes: wasm.length,
        timings,
        memories,
        globals: snap.globals.size,
        segments: snap.segments.length,
      },
    };
  } finally {
    environment.wasi.dispose();
  }
}

/**
 * Parses and statically checks the input. V8 compiles (and so fully validates) only the
 * instrumented module later; when a static check refuses the input, we first make sure the input
 * is valid at all, because upstream reports invalid modules before anything else.
 */
function validate(
  input: Uint8Array,
  features: WasmFeatures,
): { cx: ModuleContext; codeFeatures: CodeFeatures } {
  let cx: ModuleContext;
  try {
    if (readPreamble(input) === 'component') {
      throw new WizerError('expected a core module, found a component');
    }
    cx = parseModule(input);
  } catch (error) {
    if (error instanceof WasmDecodeError) throw validationFailure(error);
    throw error;
  }
  let codeFeatures: CodeFeatures;
  try {
    codeFeatures = checkSupportedInstructions(cx);
    checkImportsAndExports(cx);
  } catch (error) {
    if (!WebAssembly.validate(input as Uint8Array<ArrayBuffer>)) {
      try {
        new WebAssembly.Module(input as Uint8Array<ArrayBuffer>);
      } catch (compileError) {
        throw validationFailure(compileError);
      }
    }
    if (error instanceof WasmDecodeError) throw validationFailure(error);
    throw error;
  }
  // Not cross-checked with V8: it rejects some proposals (custom page sizes) that upstream's
  // validator accepts and its engine configuration then refuses with these messages.
  checkEngineFeatures(cx, codeFeatures, features);
  return { cx, codeFeatures };
}

function validationFailure(error: unknown): WizerError {
  const message = error instanceof Error ? error.message : String(error);
  const cause = message.replace(/^WebAssembly\.Module\(\): /, '');
  return new WizerError('wasm validation failed', { cause });
}
