/**
 * Options of one wizening, shared by the library API, the CLI and the action. Defaults follow
 * upstream Wizer v11 (see `DEFAULT_OPTIONS`).
 */

import { monotonicMs } from '../sources/index.js';

/** A preopened directory: `guest` is the path the module sees, `host` the real directory. */
export interface Preopen {
  guest: string;
  host: string;
}

/** A module instantiated before the main one and registered under `name` for its imports. */
export interface Preload {
  name: string;
  /** Path of a `.wasm` or `.wat` file. */
  path: string;
}

/** Wasm feature switches of upstream's `--wasm-*` flags. */
export interface WasmFeatures {
  multiMemory: boolean;
  multiValue: boolean;
  bulkMemory: boolean;
  simd: boolean;
  relaxedSimd: boolean;
  referenceTypes: boolean;
}

export interface WizenOptions {
  /** Export name of the initialization function (`-f`). */
  initFunc: string;
  /** Export renames as `[dst, src]` pairs, in command-line order (`-r dst=src`). */
  renames: Array<[dst: string, src: string]>;
  /** Keep the init function's export in the output (`--keep-init-func`). */
  keepInitFunc: boolean;
  /** Link WASI preview1 (`--allow-wasi`). */
  allowWasi: boolean;
  /** Give the guest the real stdin/stdout/stderr (`--inherit-stdio`); otherwise null sinks. */
  inheritStdio: boolean;
  /** Give the guest the whole host environment (`--inherit-env`). */
  inheritEnv: boolean;
  /** Extra environment variables given to the guest (beyond upstream; applied after inheritance). */
  env: Array<[key: string, value: string]>;
  /** Preopens: `--dir` entries first, then `--mapdir`, in command-line order (fds 3, 4, ...). */
  preopens: Preopen[];
  /** `--preload name=file`, instantiated in order. */
  preloads: Preload[];
  /** Upstream's `--relaxed-simd-deterministic` (default true). */
  relaxedSimdDeterministic: boolean;
  features: WasmFeatures;
  /** Bound on the whole initialization in milliseconds (beyond upstream); undefined = no bound. */
  timeoutMs?: number;
  /**
   * Send the guest's stdout writes to our stderr. The CLI sets this when the output module goes to
   * stdout, so guest text can never corrupt it.
   */
  guestStdoutToStderr: boolean;
  /**
   * Escape guest stdout/stderr lines that a CI runner would read as workflow commands (`::x`,
   * `##[x`) with a zero-width space. The action sets it so a module cannot issue commands.
   */
  escapeWorkflowCommands: boolean;
  /**
   * Reproducible output (beyond upstream, `--deterministic`): virtual clocks, seeded random bytes,
   * a file system that does not show the host's times, inodes or listing order, canonical NaNs and
   * deterministic relaxed SIMD during init. See src/deterministic/.
   */
  deterministic: boolean;
  /** Seed of the random bytes in deterministic mode (`--deterministic-seed`), a u64. */
  deterministicSeed: bigint;
  /**
   * The realtime clock's start in deterministic mode, in seconds since the Unix epoch. The CLI
   * and the action take it from `SOURCE_DATE_EPOCH`; undefined: the documented default epoch.
   */
  sourceDateEpoch?: number;
  /**
   * Optimize the output with binaryen (beyond upstream, `--optimize`): wasm-opt-style arguments in
   * one string, e.g. `-O` or `--strip-debug -Oz`. Undefined: no optimization. See src/optimize/.
   */
  optimize?: string;
}

export const DEFAULT_FEATURES: Readonly<WasmFeatures> = Object.freeze({
  multiMemory: true,
  multiValue: true,
  bulkMemory: true,
  simd: true,
  relaxedSimd: true,
  referenceTypes: true,
});

export const DEFAULT_INIT_FUNC = 'wizer-initialize';

export const DEFAULT_OPTIONS: Readonly<WizenOptions> = Object.freeze({
  initFunc: DEFAULT_INIT_FUNC,
  renames: [],
  keepInitFunc: false,
  allowWasi: false,
  inheritStdio: true,
  inheritEnv: false,
  env: [],
  preopens: [],
  preloads: [],
  relaxedSimdDeterministic: true,
  features: DEFAULT_FEATURES,
  guestStdoutToStderr: false,
  escapeWorkflowCommands: false,
  deterministic: false,
  deterministicSeed: 0n,
});

/** Fills in upstream's defaults for every option not given. */
export function resolveOptions(partial: Partial<WizenOptions> = {}): WizenOptions {
  return {
    ...DEFAULT_OPTIONS,
    ...partial,
    features: { ...DEFAULT_FEATURES, ...partial.features },
  };
}

/** Time spent per phase, in milliseconds. */
export interface PhaseTimings {
  parse: number;
  instrument: number;
  compile: number;
  initialize: number;
  snapshot: number;
  rewrite: number;
  total: number;
}

/**
 * A stopwatch over the phases: `lap(phase)` adds the time since the previous lap to that phase,
 * `stop()` sets the total.
 */
export function phaseClock(): {
  timings: PhaseTimings;
  lap(phase: Exclude<keyof PhaseTimings, 'total'>): void;
  stop(): PhaseTimings;
} {
  const timings: PhaseTimings = {
    parse: 0,
    instrument: 0,
    compile: 0,
    initialize: 0,
    snapshot: 0,
    rewrite: 0,
    total: 0,
  };
  const started = monotonicMs();
  let mark = started;
  return {
    timings,
    lap: (phase) => {
      const now = monotonicMs();
      timings[phase] += now - mark;
      mark = now;
    },
    stop: () => {
      timings.total = monotonicMs() - started;
      return timings;
    },
  };
}

export interface MemoryReport {
  index: number;
  pagesBefore: number;
  pagesAfter: number;
  /** Number of new active data segments written for this memory. */
  segments: number;
  /** Bytes of initialized (non-zero-run) data written for this memory. */
  dataBytes: number;
}

/** What a wizening did, for logs, job summaries and benchmarks. */
export interface WizenReport {
  inputBytes: number;
  outputBytes: number;
  timings: PhaseTimings;
  memories: MemoryReport[];
  /** Mutable globals whose initializer became a constant. */
  globals: number;
  /** Total new active data segments (at most 10,000). */
  segments: number;
  /** What `optimize` did (for a component: all its core modules together). */
  optimize?: OptimizeReport;
}

/** Time and size change of the optimization. */
export interface OptimizeReport {
  ms: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface WizenResult {
  wasm: Uint8Array;
  report: WizenReport;
}

/** Optional log sink; library code never writes to the console itself. */
export interface Logger {
  /** `phase` names the pipeline step, as upstream's log target does (`parse`, `snapshot`, ...). */
  debug(message: string, phase?: string): void;
  /**
   * The results of a component init function given as a WAVE call expression, as WAVE text
   * (`wasmtime wizer` prints them; the CLI writes them to stderr, never stdout).
   */
  initResult?(wave: string): void;
}
