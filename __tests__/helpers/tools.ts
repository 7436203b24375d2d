/**
 * Shared test helpers: assembling WAT with wabt, running upstream Wizer (the oracle) and our CLI
 * as real processes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { shebangNodeFlags } from '../../scripts/shebang.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const require = createRequire(import.meta.url);

/** Path of the upstream `wizer` 11.0.3 binary installed by `@bytecodealliance/wizer`. */
export function upstreamWizerPath(): string {
  const pkg = `@bytecodealliance/wizer-${process.platform}-${process.arch}/package.json`;
  return join(dirname(require.resolve(pkg)), 'wizer');
}

/** Path of our bundled CLI: the committed bundle, or another build named by WIZER_TEST_CLI. */
export const ourCliPath = process.env['WIZER_TEST_CLI'] ?? join(repoRoot, 'dist', 'cli.js');

/** Every proposal wabt knows, for assembling fixtures. */
export const WABT_FEATURES = {
  exceptions: true,
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  threads: true,
  function_references: true,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  annotations: true,
  code_metadata: true,
  gc: true,
  memory64: true,
  extended_const: true,
  relaxed_simd: true,
  multi_memory: true,
};

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

/** Assembles WAT text to a binary with every wabt feature enabled. */
export async function wat(text: string): Promise<Uint8Array> {
  wabtPromise ??= wabtInit();
  const wabt = await wabtPromise;

  const module = wabt.parseWat('fixture.wat', text, WABT_FEATURES);
  try {
    module.resolveNames();
    // wabt's validator mistypes some reference-types code when typed function references are on.
    // wabt's typings omit validate's features argument, which its runtime honours.
    (module.validate as (features: object) => void)({
      ...WABT_FEATURES,
      function_references: false,
      gc: false,
    });
    return new Uint8Array(module.toBinary({ write_debug_names: true }).buffer);
  } finally {
    module.destroy();
  }
}

export interface ProcessResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a process asynchronously (never spawnSync: tests may serve HTTP in-process). */
export function runProcess(
  command: string,
  args: string[],
  options: {
    input?: Uint8Array | string;
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
  } = {},
): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? { ...process.env, RUST_BACKTRACE: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 50_000, // below vitest's test timeout, so no process outlives its test
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The environment the tools run in unless a test gives its own: PATH only, so nothing of the
 * developer's or runner's environment (NODE_OPTIONS, RUST_LOG, RUST_BACKTRACE, TZ, locale, proxy
 * settings) changes what they print.
 */
export function toolEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
}

/** Runs upstream Wizer with RUST_BACKTRACE off so stderr is comparable. */
export function runUpstream(
  args: string[],
  options: { input?: Uint8Array | string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  const env = { ...(options.env ?? toolEnv()), RUST_BACKTRACE: '0' };
  return runProcess(upstreamWizerPath(), args, { ...options, env });
}

/** The Node flags of our CLI's `#!` line, with which it runs when run directly. */
export function ourCliNodeFlags(): string[] {
  return shebangNodeFlags(ourCliPath);
}

/** Runs our bundled CLI (`dist/cli.js`) on the Node running the tests (Node 24). */
export function runOurs(
  args: string[],
  options: { input?: Uint8Array | string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return runProcess(process.execPath, [ourCliPath, ...args], { env: toolEnv(), ...options });
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tempDir(prefix = 'wizer-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
