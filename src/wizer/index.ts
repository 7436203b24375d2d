/**
 * The library API: `wizen(wasm, options)` pre-initializes a module and reports what it did. The
 * CLI and the action both call it. Phases run in upstream's order so the first error reported is
 * the one upstream would report:
 *
 *   environment (WASI preopens, preloads) -> parse -> validate -> instrument -> compile
 *   -> check init export -> instantiate + initialize -> snapshot -> rewrite
 */
import type { ModuleContext } from './context.js';
import { instrument, sitesToEdit } from './instrument.js';
import {
  type Logger,
  type WizenOptions,
  type WizenReport,
  type WizenResult,
  type PhaseTimings,
  phaseClock,
  resolveOptions,
} from './options.js';
import { concatChunks, totalLength } from '../wasm/writer.js';
import { rewriteParts } from './rewrite.js';
import { buildEnvironment, checkInitFunc, checkInstantiable, compile, initialize } from './run.js';
import { snapshot, type Snapshot } from './snapshot.js';
import { upstreamExportGrowth, validateModule } from './validate.js';
import { wizenInWorker } from './worker.js';

export * from './options.js';

const silent: Logger = { debug: () => {} };

export async function wizen(
  input: Uint8Array,
  partialOptions: Partial<WizenOptions> = {},
  logger: Logger = silent,
): Promise<WizenResult> {
  const { parts, report } = await wizenParts(input, partialOptions, logger);
  return { wasm: parts.length === 1 ? parts[0]! : concatChunks(parts), report };
}

/** The output as the chunks it is made of (see `rewriteParts`), for writing to a file as it is. */
export interface WizenParts {
  parts: Uint8Array[];
  report: WizenReport;
}

/** `wizen`, without assembling the output into one buffer. */
export async function wizenParts(
  input: Uint8Array,
  partialOptions: Partial<WizenOptions> = {},
  logger: Logger = silent,
): Promise<WizenParts> {
  const options = resolveOptions(partialOptions);
  const whole = ({ wasm, report }: WizenResult): WizenParts => ({ parts: [wasm], report });
  if (options.timeoutMs !== undefined) return whole(await wizenInWorker(input, options, logger));
  // The component layer is loaded when used: a module's run never parses it.
  if (isComponent(input)) {
    const { wizenComponent } = await import('../component/index.js');
    return whole(await wizenComponent(input, options, logger));
  }
  const { timings, lap, stop } = phaseClock();

  const environment = await buildEnvironment(options);
  try {
    logger.debug('Validating input Wasm');
    logger.debug('Parsing the input Wasm', 'parse');
    const { cx, codeFeatures } = await validateModule(input, options.features);
    lap('parse');

    logger.debug('Instrumenting the input Wasm', 'instrument');
    const instrumented = instrument(cx, ...sitesToEdit(codeFeatures, options));
    lap('instrument');

    const module = compile(instrumented.wasm);
    lap('compile');

    logger.debug('Validating the exported initialization function', 'wasmtime');
    checkInitFunc(cx, options.initFunc);
    checkInstantiable(cx);
    logger.debug('Calling the initialization function', 'wasmtime');
    // Trap offsets as upstream counts them: in the original plus the exports it adds.
    const exportGrowth = upstreamExportGrowth(cx);
    const state = initialize(
      cx,
      module,
      environment,
      options.initFunc,
      instrumented.start,
      (offset) => instrumented.originalOffset(offset) + exportGrowth,
    );
    lap('initialize');

    logger.debug('Snapshotting the initialized state', 'snapshot');
    logger.debug('Snapshotting global values', 'snapshot');
    logger.debug('Snapshotting memories', 'snapshot');
    const snap = snapshot(instrumented.globals, instrumented.memories, cx.memories, state);
    lap('snapshot');

    logger.debug('Rewriting input Wasm to pre-initialized state', 'rewrite');
    const rewritten = rewriteParts(cx, snap, options);
    lap('rewrite');
    const optimized =
      options.optimize === undefined ? undefined : await optimize(rewritten, options, logger);
    const parts = optimized ? [optimized.wasm] : rewritten;
    stop();

    const report = buildReport(input, totalLength(parts), cx, snap, timings);
    return { parts, report: optimized ? { ...report, optimize: optimized.report } : report };
  } finally {
    environment.wasi.dispose();
  }
}

/** `--optimize`: the binaryen layer, loaded only for a run that asks for it. */
async function optimize(parts: Uint8Array[], options: WizenOptions, logger: Logger) {
  const { optimizeOutput } = await import('../optimize/index.js');
  return optimizeOutput(concatChunks(parts), options, logger);
}

/** A component's preamble (layer 1); anything else goes down the module path and its errors. */
function isComponent(bytes: Uint8Array): boolean {
  const preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
  return bytes.length >= 8 && preamble.every((b, i) => bytes[i] === b);
}

function buildReport(
  input: Uint8Array,
  outputBytes: number,
  cx: ModuleContext,
  snap: Snapshot,
  timings: PhaseTimings,
): WizenReport {
  const memories = cx.memories.map((m, index) => ({
    index,
    pagesBefore: Number(m.limits.min),
    pagesAfter: Number(snap.memoryPages[index]),
    segments: 0,
    dataBytes: 0,
  }));
  const runs = snap.segments;
  for (let k = 0; k < runs.length; k++) {
    const memory = memories[runs.memory[k]!]!;
    memory.segments++;
    memory.dataBytes += runs.end(k) - runs.start(k);
  }
  return {
    inputBytes: input.length,
    outputBytes,
    timings,
    memories,
    globals: snap.globals.size,
    segments: snap.segments.length,
  };
}
