/**
 * Runs upstream Wizer 11.0.3 and our CLI on the same input, concurrently, each in its own scratch
 * directory, and compares what they did. Success: see compare-outputs.ts. Failure: same exit code,
 * same `Error:` line, same root cause; and unlike upstream we must not leave an output file behind.
 *
 * Set DIFF_SELF=1 to run upstream on both sides (checks the harness and fixtures without our CLI).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import {
  type ProcessResult,
  ourCliNodeFlags,
  ourCliPath,
  runProcess,
  tempDir,
  upstreamWizerPath,
} from '../helpers/tools.js';

export const selfTest = process.env['DIFF_SELF'] === '1';

export interface DiffCase {
  /** Input module, written as `in.wasm` in each side's work directory. */
  wasm?: Uint8Array;
  /** Flags; the harness appends the input and output (`-o out.wasm in.wasm`, or `in.wasm`). */
  args?: string[];
  /** Full argv used verbatim instead of `args` + input/output (paths are relative to the work dir). */
  rawArgs?: string[];
  /** Write the output module to stdout instead of `-o out.wasm`. */
  toStdout?: boolean;
  /** Extra files (relative path -> contents) and directories to create in each work dir. */
  files?: Record<string, Uint8Array | string>;
  dirs?: string[];
  stdin?: Uint8Array | string;
  /** Environment overrides (added to a minimal environment). */
  env?: Record<string, string>;
  /** Kill each tool after this long (default 40 s); the test's own timeout must be longer. */
  timeoutMs?: number;
  /** Run ours with the Node flags of its `#!` line, as when run directly (not `node cli.js`). */
  runDirectly?: boolean;
}

export interface SideResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Contents of `out.wasm` after the run, or undefined if the file does not exist. */
  outFile: Buffer | undefined;
  /** The output module: `out.wasm`, or stdout when the case writes to stdout. */
  output: Uint8Array | undefined;
  /** The work directory (already removed when the comparison returns). */
  dir: string;
}

export interface DiffResult {
  case: DiffCase;
  upstream: SideResult;
  ours: SideResult;
}

const OUTPUT_FILE = 'out.wasm';
const PROCESS_TIMEOUT_MS = 40_000;

function argvFor(c: DiffCase): string[] {
  if (c.rawArgs) return c.rawArgs;
  const tail = c.toStdout ? ['in.wasm'] : ['-o', OUTPUT_FILE, 'in.wasm'];
  return [...(c.args ?? []), ...tail];
}

/** Whether our side was asked to write `-o <file>` (in any spelling). */
function writesOutputFile(argv: string[]): boolean {
  return argv.some((a) => a === '-o' || a.startsWith('-o'));
}

function prepare(c: DiffCase, dir: string): void {
  if (c.wasm) writeFileSync(join(dir, 'in.wasm'), c.wasm);
  for (const d of c.dirs ?? []) mkdirSync(join(dir, d), { recursive: true });
  for (const [path, contents] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
}

function baseEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '', RUST_BACKTRACE: '0' };
  return { ...env, ...extra };
}

async function runSide(which: 'upstream' | 'ours', c: DiffCase): Promise<SideResult> {
  const { path: dir, cleanup } = tempDir(`wizer-diff-${which}-`);
  try {
    prepare(c, dir);
    const argv = argvFor(c);
    const options = { cwd: dir, env: baseEnv(c.env), input: c.stdin ?? '' };
    // A hung run is killed well before vitest's own timeout, so no child outlives its test.
    const timed = { ...options, timeoutMs: c.timeoutMs ?? PROCESS_TIMEOUT_MS };
    const result: ProcessResult =
      which === 'upstream' || selfTest
        ? await runProcess(upstreamWizerPath(), argv, timed)
        : await runProcess(
            process.execPath,
            [...(c.runDirectly ? ourCliNodeFlags() : []), ourCliPath, ...argv],
            timed,
          );
    const outPath = join(dir, OUTPUT_FILE);
    const outFile = existsSync(outPath) ? readFileSync(outPath) : undefined;
    const output = c.toStdout || !writesOutputFile(argv) ? result.stdout : outFile;
    return { ...result, outFile, output, dir };
  } finally {
    cleanup();
  }
}

/** Runs both tools on the case, concurrently. */
export async function runBoth(c: DiffCase): Promise<DiffResult> {
  const [upstream, ours] = await Promise.all([runSide('upstream', c), runSide('ours', c)]);
  if (process.env['DIFF_DEBUG'] === '1') {
    console.log(
      `argv: ${argvFor(c).join(' ')}\nupstream ${describeSide(upstream)}\nours ${describeSide(ours)}`,
    );
  }
  return { case: c, upstream, ours };
}

/**
 * Splits `Error: head\n\nCaused by:\n    0: a\n    1: b` (or a single unnumbered cause) into the
 * head line and the cause texts; continuation lines stay part of their cause.
 */
export function parseErrorChain(stderr: string): { head: string; causes: string[] } {
  const lines = stderr.replace(/\nStack backtrace:[\s\S]*$/, '').split('\n');
  const headLine = lines.find((l) => l.startsWith('Error: ')) ?? lines[0] ?? '';
  const causes: string[] = [];
  const at = lines.indexOf('Caused by:');
  if (at >= 0) {
    const body = lines.slice(at + 1);
    const numbered = /^ {4}0: /.test(body[0] ?? '');
    for (const line of body) {
      const start = numbered
        ? /^ {4}\d+: (.*)$/.exec(line)
        : causes.length === 0
          ? /^ {4}(.*)$/.exec(line)
          : null;
      if (start) causes.push(start[1]!);
      else if (line.trim() !== '' && causes.length > 0)
        causes[causes.length - 1] += `\n${line.trim()}`;
    }
  }
  return { head: headLine, causes };
}

/** Joins a multi-line cause (Rust pretty `Debug` lists) into one line for comparison. */
function normaliseCause(cause: string): string {
  return cause.replace(/\n/g, ' ').replace(/\s+/g, ' ').replace(/\[ /g, '[').replace(/,? \]/g, ']');
}

/**
 * Causes with whitespace normalised. Wasm backtraces are compared too: frame offsets and names
 * are upstream's (only C++/Rust manglings stay undemangled, which these fixtures do not use).
 */
function meaningfulCauses(causes: string[]): string[] {
  return causes.map(normaliseCause);
}

export interface FailureExpectation {
  /**
   * How much of the cause chain must match upstream: every cause exactly
   * (default), the root cause only, the first line of every cause, or nothing beyond `Error:`.
   */
  causes?: 'all' | 'root' | 'firstLines' | 'none';
  /** For usage errors (exit 2): a token both messages must mention. */
  mentions?: string;
}

function describeSide(side: SideResult): string {
  return `exit ${side.code}\n--- stderr ---\n${side.stderr}`;
}

/** Both failed the same way. Returns upstream's parsed chain for further assertions. */
export function expectSameFailure(
  result: DiffResult,
  expectation: FailureExpectation = {},
): { head: string; causes: string[] } {
  const { upstream, ours } = result;
  expect(upstream.code, `upstream should fail:\n${describeSide(upstream)}`).not.toBe(0);
  expect(
    ours.code,
    `exit code differs; ours:\n${describeSide(ours)}\nupstream:\n${describeSide(upstream)}`,
  ).toBe(upstream.code);
  const up = parseErrorChain(upstream.stderr);
  const mine = parseErrorChain(ours.stderr);
  if (upstream.code === 2) {
    const token = expectation.mentions;
    if (token !== undefined) {
      expect(upstream.stderr, 'upstream usage error should mention the argument').toContain(token);
      expect(ours.stderr, `our usage error should mention ${token}`).toContain(token);
    }
    // Exact clap wording is nice-to-have only: report, do not fail.
    const firstLine = (text: string) => text.split('\n')[0];
    if (!selfTest && firstLine(ours.stderr) !== firstLine(upstream.stderr)) {
      console.warn(
        `[differential] usage error wording differs:\n  ours:     ${firstLine(ours.stderr)}\n  upstream: ${firstLine(upstream.stderr)}`,
      );
    }
  } else {
    expect(
      mine.head,
      `first error line differs; ours:\n${ours.stderr}\nupstream:\n${upstream.stderr}`,
    ).toBe(up.head);
    const upCauses = meaningfulCauses(up.causes);
    const ourCauses = meaningfulCauses(mine.causes);
    const context = `ours:\n${ours.stderr}\nupstream:\n${upstream.stderr}`;
    const mode = expectation.causes ?? 'all';
    if (mode === 'all') expect(ourCauses, `causes differ; ${context}`).toEqual(upCauses);
    if (mode === 'root')
      expect(ourCauses.at(-1), `root cause differs; ${context}`).toBe(upCauses.at(-1));
    if (mode === 'firstLines') {
      const firstLines = (causes: string[]) => causes.map((c) => c.split('\n')[0]);
      expect(firstLines(ourCauses), `causes differ; ${context}`).toEqual(firstLines(upCauses));
    }
  }
  // Deliberate improvement: no truncated 0-byte output file after a failure.
  if (!selfTest && writesOutputFile(argvFor(result.case))) {
    expect(ours.outFile, 'our CLI left an output file behind after failing').toBeUndefined();
  }
  return up;
}
