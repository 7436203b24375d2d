/**
 * The `wizer`-compatible command: parses argv, reads the input (file or stdin), calls `wizen`, and
 * writes the output (atomically where it is a file: see host/output-file.ts) or to stdout. Returns the exit
 * code: 0 success, 1 failure (`Error: ...` with its cause chain), 2 usage error.
 */
import { monotonicMs, parseSourceDateEpoch } from '../sources/index.js';
import { closeSync, openSync } from 'node:fs';
import { OutputFile } from '../host/output-file.js';
import { readWholeFile } from '../host/input-file.js';
import { stderrText } from '../host/stdio.js';
import { UsageError, WizerError, formatErrorChain, osError } from '../errors.js';
import { wizenParts, type Logger, type WizenReport } from '../wizer/index.js';
import { concatChunks } from '../wasm/writer.js';
import { parseArgs, parsePreload } from './args.js';
import { VERSION_TEXT, helpText } from './help.js';

/** Where messages go: the process's stderr, or a stream in tests. */
export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: NodeJS.WritableStream & { fd?: number };
  stderr: TextSink;
  /** Reads all of stdin. */
  readStdin(): Uint8Array | Promise<Uint8Array>;
}

export const processIo: CliIo = {
  // A getter: Node makes the stream on first use, which a run writing only a file never needs.
  get stdout() {
    return process.stdout;
  },
  // Written at once, in order with the guest's own output on fd 2 (host/stdio.ts).
  stderr: stderrText,
  // Through the stream, not readFileSync(0): a synchronous read fails with EAGAIN on a pipe that
  // another process left non-blocking (macOS and Linux) and with EOF on a closed pipe (Windows),
  // where libuv's stream waits for data and ends cleanly. A file on stdin works either way.
  readStdin: () => readStream(process.stdin),
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // Since the process started: Node's own start-up and loading this bundle.
  const startMs = process.uptime() * 1000;
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    io.stdout.write(helpText(args.help === 'long'));
    return 0;
  }
  if (args.version) {
    io.stdout.write(`${VERSION_TEXT}\n`);
    return 0;
  }

  let output: OutputFile | undefined;
  const logger = rustLogLogger(process.env['RUST_LOG'], io.stderr);
  try {
    const readStarted = monotonicMs();
    const input = await readInput(args.input, io);
    const readMs = monotonicMs() - readStarted;
    output = args.output === undefined ? undefined : createOutput(args.output);
    const preloads = args.preloads.map((value) => {
      const preload = parsePreload(value);
      if (!preload)
        throw new WizerError(`Bad preload option: ${value} (must be of form \`name=file\`)`);
      return preload;
    });
    const { parts, report } = await wizenParts(
      input,
      {
        ...args.options,
        preloads,
        guestStdoutToStderr: output === undefined,
        sourceDateEpoch: args.options.deterministic
          ? parseSourceDateEpoch(process.env['SOURCE_DATE_EPOCH'])
          : undefined,
      },
      logger,
    );
    const writeStarted = monotonicMs();
    if (output) commitOutput(output, args.output!, parts);
    else await writeAll(io.stdout, concatChunks(parts));
    const writeMs = monotonicMs() - writeStarted;
    logger.debug(`Phase times (ms): ${phaseTimes(report, startMs, readMs, writeMs)}`);
    return 0;
  } catch (error) {
    output?.abandon();
    io.stderr.write(`Error: ${formatErrorChain(error)}\n`);
    return 1;
  }
}

async function readInput(path: string | undefined, io: CliIo): Promise<Uint8Array> {
  if (path === undefined) {
    try {
      return await io.readStdin();
    } catch (error) {
      throw new WizerError('failed to read input Wasm module', { cause: osError(error) });
    }
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new WizerError('failed to open input file', { cause: fileError(path, error) });
  }
  try {
    return readWholeFile(fd);
  } catch (error) {
    throw new WizerError('failed to read input Wasm module', { cause: fileError(path, error) });
  } finally {
    closeSync(fd);
  }
}

/** The output file, created up front so an unwritable destination fails early, as upstream's. */
function createOutput(target: string): OutputFile {
  try {
    return OutputFile.create(target);
  } catch (error) {
    throw new WizerError('failed to create output file', { cause: fileError(target, error) });
  }
}

function commitOutput(output: OutputFile, target: string, parts: readonly Uint8Array[]): void {
  try {
    output.commit(parts);
  } catch (error) {
    throw new WizerError('failed to write to output', { cause: fileError(target, error) });
  }
}

/** Every byte of `stream` until its end. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

/**
 * Resolves once the stream has handed all of `bytes` to the OS. Node writes to pipes
 * asynchronously on Linux and macOS (and to consoles on Windows), so a module of megabytes is
 * still queued when `write` returns; the exit code is set only after this, and the process ends
 * when the event loop is empty (nothing calls process.exit), so no byte is lost.
 */
function writeAll(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Each step's time in milliseconds, in order, for the debug log (`npm run bench` reads it):
 * `start` is the time from the process's start to the CLI's (Node and the bundle loading).
 */
export function phaseTimes(
  report: WizenReport,
  startMs: number,
  readMs: number,
  writeMs: number,
): string {
  const { parse, instrument, compile, initialize, snapshot, rewrite } = report.timings;
  const times: Array<[string, number]> = [
    ['start', startMs],
    ['read', readMs],
    ['parse', parse],
    ['instrument', instrument],
    ['compile', compile],
    ['initialize', initialize],
    ['snapshot', snapshot],
    ['rewrite', rewrite],
  ];
  if (report.optimize) times.push(['optimize', report.optimize.ms]);
  times.push(['write', writeMs]);
  return times.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
}

/**
 * Upstream logs its phases when `RUST_LOG` enables debug output for `wasmtime_wizer`; scripts
 * that watch for those lines get the same ones from us.
 */
export function rustLogLogger(rustLog: string | undefined, sink: TextSink): Logger {
  const enabled = (rustLog ?? '')
    .split(',')
    .some((d) => /^(wasmtime_wizer(=(debug|trace))?|debug|trace)$/.test(d.trim()));
  // Results of an init call expression go to stderr: stdout may carry the output module.
  const initResult = (wave: string) => void sink.write(`${wave}\n`);
  if (!enabled) return { debug: () => {}, initResult };
  return {
    initResult,
    debug: (message, phase) => {
      const time = new Date().toISOString().slice(0, 19);
      const target = phase ? `wasmtime_wizer::${phase}` : 'wasmtime_wizer';
      sink.write(`[${time}Z DEBUG ${target}] ${message}\n`);
    },
  };
}

/**
 * The file involved, then the OS error. Upstream prints only the OS error under its first line;
 * the extra level names the path while keeping that first line and the root cause the same.
 */
function fileError(path: string, error: unknown): WizerError {
  return new WizerError(`\`${path}\``, { cause: osError(error) });
}
