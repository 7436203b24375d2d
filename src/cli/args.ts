/**
 * Command-line parsing compatible with upstream `wizer` v11 (clap 4): the same flags, value
 * syntaxes and usage errors (exit code 2). Pure: takes argv, returns options or throws UsageError.
 */
import { UsageError } from '../errors.js';
import { OptimizeArgsError, parseOptimizeArgs } from '../optimize/args.js';
import { MAX_SEED, parseSeed } from '../sources/index.js';
import {
  DEFAULT_OPTIONS,
  type Preopen,
  type WasmFeatures,
  type WizenOptions,
} from '../wizer/options.js';

export interface CliArgs {
  input: string | undefined;
  output: string | undefined;
  /** Raw `--preload` values, checked later as upstream does (exit code 1, not 2). */
  preloads: string[];
  options: Omit<WizenOptions, 'preloads' | 'guestStdoutToStderr'>;
  help: 'short' | 'long' | undefined;
  version: boolean;
  /** `--dir` and `--mapdir` preopens; `--dir` ones get the lower fds whatever the order given. */
  dirs: Preopen[];
  mapdirs: Preopen[];
}

/** How a flag takes its value. */
type ValueStyle =
  | 'required' // --flag v, --flag=v, -fv
  | 'required-hyphen' // --flag v or --flag=v, v may start with '-' (clap allow_hyphen_values)
  | 'switch' // bare only
  | 'optional-equals' // bare or --flag=v only (clap require_equals)
  | 'optional-greedy'; // bare, --flag=v, or --flag v (next token that is not a flag)

interface FlagSpec {
  long?: string[];
  short?: string;
  style: ValueStyle;
  /** Shown in errors, as clap renders the argument. */
  display: string;
  /** May be given more than once (clap's Append); any other flag given twice is a usage error. */
  repeatable?: true;
  apply(state: CliArgs, value: string | undefined): void;
}

const BOOL_VALUES = '  [possible values: true, false]';

function parseBool(value: string | undefined, display: string): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`invalid value '${value}' for '${display}'\n${BOOL_VALUES}`);
}

/** A u64 in decimal, as `--deterministic-seed` takes it. */
function seedValue(value: string): bigint {
  const seed = parseSeed(value);
  if (seed !== undefined) return seed;
  throw new UsageError(
    `invalid value '${value}' for '--deterministic-seed <SEED>': expected a whole number from 0 to ${MAX_SEED}`,
  );
}

const feature =
  (key: keyof WasmFeatures, display: string) =>
  (state: CliArgs, value: string | undefined): void => {
    state.options.features[key] = parseBool(value, display);
  };

function featureFlag(name: string, key: keyof WasmFeatures): FlagSpec {
  const display = `--${name} [<true|false>]`;
  return { long: [name], style: 'optional-greedy', display, apply: feature(key, display) };
}

const FLAGS: FlagSpec[] = [
  {
    short: 'o',
    style: 'required',
    display: '-o <OUTPUT>',
    apply: (s, v) => (s.output = v),
  },
  {
    short: 'f',
    long: ['init-func'],
    style: 'required',
    display: '--init-func <INIT_FUNC>',
    apply: (s, v) => (s.options.initFunc = v!),
  },
  {
    short: 'r',
    long: ['rename-func', 'func-rename'],
    style: 'required',
    display: '--rename-func <dst=src>',
    repeatable: true,
    apply: (s, v) => {
      const at = v!.indexOf('=');
      if (at < 0) {
        throw new UsageError(
          `invalid value '${v}' for '--rename-func <dst=src>': must contain exactly one equals character ('=')`,
        );
      }
      s.options.renames.push([v!.slice(0, at), v!.slice(at + 1)]);
    },
  },
  {
    long: ['keep-init-func'],
    style: 'optional-equals',
    display: '--keep-init-func[=<true|false>]',
    apply: (s, v) => (s.options.keepInitFunc = parseBool(v, '--keep-init-func[=<true|false>]')),
  },
  {
    long: ['allow-wasi'],
    style: 'switch',
    display: '--allow-wasi',
    apply: (s) => (s.options.allowWasi = true),
  },
  {
    long: ['relaxed-simd-deterministic'],
    style: 'optional-equals',
    display: '--relaxed-simd-deterministic[=<true|false>]',
    apply: (s, v) =>
      (s.options.relaxedSimdDeterministic = parseBool(
        v,
        '--relaxed-simd-deterministic[=<true|false>]',
      )),
  },
  {
    long: ['preload'],
    style: 'required',
    display: '--preload <PRELOAD>',
    repeatable: true,
    apply: (s, v) => s.preloads.push(v!),
  },
  {
    long: ['inherit-stdio'],
    style: 'optional-greedy',
    display: '--inherit-stdio [<true|false>]',
    apply: (s, v) => (s.options.inheritStdio = parseBool(v, '--inherit-stdio [<true|false>]')),
  },
  {
    long: ['inherit-env'],
    style: 'optional-greedy',
    display: '--inherit-env [<true|false>]',
    apply: (s, v) => (s.options.inheritEnv = parseBool(v, '--inherit-env [<true|false>]')),
  },
  {
    long: ['dir'],
    style: 'required',
    display: '--dir <DIR>',
    repeatable: true,
    apply: (s, v) => s.dirs.push({ guest: v!, host: v! }),
  },
  {
    long: ['mapdir'],
    style: 'required',
    display: '--mapdir <GUEST_DIR::HOST_DIR>',
    repeatable: true,
    apply: (s, v) => {
      // Upstream splits on `::` and ignores any parts after the second.
      const parts = v!.split('::');
      s.mapdirs.push(
        parts.length < 2 ? { guest: v!, host: v! } : { guest: parts[0]!, host: parts[1]! },
      );
    },
  },
  featureFlag('wasm-multi-memory', 'multiMemory'),
  featureFlag('wasm-multi-value', 'multiValue'),
  featureFlag('wasm-bulk-memory', 'bulkMemory'),
  featureFlag('wasm-simd', 'simd'),
  featureFlag('wasm-relaxed-simd', 'relaxedSimd'),
  featureFlag('wasm-reference-types', 'referenceTypes'),
  {
    long: ['timeout'],
    style: 'required',
    display: '--timeout <SECONDS>',
    apply: (s, v) => {
      const seconds = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v!) || !(seconds > 0)) {
        throw new UsageError(
          `invalid value '${v}' for '--timeout <SECONDS>': expected a positive number of seconds`,
        );
      }
      s.options.timeoutMs = seconds * 1000;
    },
  },
  {
    long: ['optimize'],
    style: 'required-hyphen',
    display: '--optimize <ARGS>',
    apply: (s, v) => {
      try {
        parseOptimizeArgs(v!);
      } catch (error) {
        if (!(error instanceof OptimizeArgsError)) throw error;
        throw new UsageError(`invalid value '${v}' for '--optimize <ARGS>': ${error.message}`);
      }
      s.options.optimize = v!;
    },
  },
  {
    long: ['deterministic'],
    style: 'optional-equals',
    display: '--deterministic[=<true|false>]',
    apply: (s, v) => (s.options.deterministic = parseBool(v, '--deterministic[=<true|false>]')),
  },
  {
    long: ['deterministic-seed'],
    style: 'required',
    display: '--deterministic-seed <SEED>',
    apply: (s, v) => (s.options.deterministicSeed = seedValue(v!)),
  },
  { short: 'h', style: 'switch', display: '-h', apply: (s) => (s.help = 'short') },
  { long: ['help'], style: 'switch', display: '--help', apply: (s) => (s.help = 'long') },
  {
    short: 'V',
    long: ['version'],
    style: 'switch',
    display: '--version',
    apply: (s) => (s.version = true),
  },
];

const USAGE = 'Usage: wizer [OPTIONS] [INPUT]';
const MORE = "For more information, try '--help'.";

function unexpected(token: string): UsageError {
  const tip = token.startsWith('-')
    ? `\n\n  tip: to pass '${token}' as a value, use '-- ${token}'`
    : '';
  return new UsageError(`unexpected argument '${token}' found${tip}\n\n${USAGE}\n\n${MORE}`);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const state: CliArgs = {
    input: undefined,
    output: undefined,
    preloads: [],
    options: {
      ...DEFAULT_OPTIONS,
      renames: [],
      env: [],
      preopens: [],
      features: { ...DEFAULT_OPTIONS.features },
    },
    help: undefined,
    version: false,
    dirs: [],
    mapdirs: [],
  };

  const seen = new Set<FlagSpec>();
  const occurrence = (spec: FlagSpec, value: string | undefined): void => {
    if (seen.has(spec) && !spec.repeatable) {
      throw new UsageError(
        `the argument '${spec.display}' cannot be used multiple times\n\n${USAGE}`,
      );
    }
    seen.add(spec);
    spec.apply(state, value);
  };
  // Like clap, an option whose value is the next token is acted on (checked for repetition, its
  // value parsed) only when the next known flag, the input or the end is reached: an unknown flag
  // or a second positional in between is reported first.
  let pending: { spec: FlagSpec; value: string | undefined } | undefined;
  const flush = () => {
    if (pending) occurrence(pending.spec, pending.value);
    pending = undefined;
  };
  const positional = (token: string) => {
    if (state.input !== undefined) throw unexpected(token);
    flush();
    state.input = token;
  };
  const option = (spec: FlagSpec, inline: string | undefined, i: number): number => {
    const [value, last] = flagValue(spec, inline, argv, i);
    if (last > i) pending = { spec, value };
    else occurrence(spec, value);
    return last;
  };
  try {
    // Help and version end parsing where they appear, as clap exits there.
    for (let i = 0; i < argv.length && !state.help && !state.version; i++) {
      const token = argv[i]!;
      if (token === '--') {
        for (const rest of argv.slice(i + 1)) positional(rest);
        break;
      }
      if (token.startsWith('--')) {
        const eq = token.indexOf('=');
        const name = token.slice(2, eq < 0 ? undefined : eq);
        const inline = eq < 0 ? undefined : token.slice(eq + 1);
        const spec = FLAGS.find((f) => f.long?.includes(name));
        if (!spec) throw unexpected(token);
        flush();
        i = option(spec, inline, i);
      } else if (token.startsWith('-') && token.length > 1) {
        const spec = FLAGS.find((f) => f.short === token[1]);
        if (!spec) throw unexpected(token);
        flush();
        let inline = token.length > 2 ? token.slice(2) : undefined;
        if (inline?.startsWith('=')) inline = inline.slice(1);
        i = option(spec, inline, i);
      } else {
        positional(token);
      }
    }
    flush();
  } catch (error) {
    if (error instanceof UsageError && !error.message.includes(MORE)) {
      throw new UsageError(`${error.message}\n\n${MORE}`);
    }
    throw error;
  }
  state.options.preopens = [...state.dirs, ...state.mapdirs];
  return state;
}

/** One flag's value (undefined when bare) and the index of the last argv token it consumed. */
function flagValue(
  spec: FlagSpec,
  inline: string | undefined,
  argv: readonly string[],
  i: number,
): [string | undefined, number] {
  switch (spec.style) {
    case 'switch':
      if (inline !== undefined) {
        throw new UsageError(
          `unexpected value '${inline}' for '${spec.display}' found; no more were expected\n\n${USAGE}`,
        );
      }
      return [undefined, i];
    case 'optional-equals':
      return [inline, i];
    case 'optional-greedy': {
      const next = argv[i + 1];
      if (inline === undefined && next !== undefined && !next.startsWith('-')) return [next, i + 1];
      return [inline, i];
    }
    case 'required-hyphen': {
      if (inline !== undefined) return [inline, i];
      const next = argv[i + 1];
      if (next === undefined) {
        throw new UsageError(`a value is required for '${spec.display}' but none was supplied`);
      }
      return [next, i + 1];
    }
    case 'required': {
      if (inline !== undefined) return [inline, i];
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1)) {
        throw new UsageError(`a value is required for '${spec.display}' but none was supplied`);
      }
      return [next, i + 1];
    }
  }
}

/** Parses `--preload name=file` values as upstream does (a runtime error, exit code 1). */
export function parsePreload(value: string): { name: string; path: string } | undefined {
  const at = value.indexOf('=');
  if (at < 0) return undefined;
  return { name: value.slice(0, at), path: value.slice(at + 1) };
}
