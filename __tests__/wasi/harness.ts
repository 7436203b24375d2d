/**
 * Differential harness for the WASI layer. `fixtures/wasi/probe.c` is compiled once; each scenario
 * writes its script into the binary, builds the same directory tree twice, and runs the probe
 * under upstream Wizer (reading the log back out of the snapshot) and under our layer. The logs,
 * the guest's stdout/stderr and the final trees must be identical.
 */
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { errorChain } from '../../src/errors.js';
import { Wasi } from '../../src/wasi/index.js';
import { repoRoot, runProcess, upstreamWizerPath } from '../helpers/tools.js';
import { compileWasi } from '../helpers/wasi-cc.js';

const MARKER = '@@WASI-PROBE-SCRIPT@@';

/** Compiles the probe (a reactor, so exports are not wrapped in constructor calls). */
export function compileProbe(): Promise<Uint8Array> {
  const src = join(repoRoot, 'fixtures', 'wasi');
  return compileWasi({
    sources: [join(src, 'probe.c'), join(src, 'probe_libc.c')],
    flags: ['-O2', '-mexec-model=reactor', '-s'],
  });
}

/** The probe with `script` in place of the marker (same length, so nothing else moves). */
export function withScript(probe: Uint8Array, script: readonly string[]): Uint8Array {
  const bytes = Buffer.from(probe);
  const at = bytes.indexOf(MARKER);
  if (at < 0) throw new Error('script marker not found in probe.wasm');
  // The marker line is followed by a line of '#' filler: the room the script may take.
  let end = at + MARKER.length + 1;
  while (bytes[end] === 0x23) end++;
  const text = Buffer.from(`${script.join('\n')}\n\0`);
  if (text.length > end - at) throw new Error('probe script too long');
  text.copy(bytes, at);
  return bytes;
}

/** A file's contents, `null` for an empty directory, or a symbolic link. */
export type TreeEntry = string | null | { link: string };
export type Tree = Record<string, TreeEntry>;

export function buildTree(root: string, tree: Tree): void {
  mkdirSync(root, { recursive: true });
  for (const [path, entry] of Object.entries(tree)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (entry === null) mkdirSync(full, { recursive: true });
    else if (typeof entry === 'string') writeFileSync(full, entry);
    else symlinkSync(entry.link, full);
  }
}

/** Every entry under `root` with its kind and contents (no times), sorted. */
export function dumpTree(root: string, prefix = ''): string[] {
  const lines: string[] = [];
  for (const name of readdirSync(join(root, prefix)).sort()) {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const full = join(root, rel);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) lines.push(`${rel} -> ${readlinkSync(full)}`);
    else if (stat.isDirectory()) lines.push(`${rel}/`, ...dumpTree(root, rel));
    else lines.push(`${rel} = ${JSON.stringify(readFileSync(full, 'latin1'))}`);
  }
  return lines;
}

export interface Scenario {
  script: string[];
  tree?: Tree;
  /** Guest name and host directory relative to the tree root, in fd order (3, 4, ...). */
  preopens?: Array<[guest: string, host: string]>;
  env?: Array<[string, string]>;
  inheritStdio?: boolean;
  stdin?: string;
}

export interface Outcome {
  /** The probe's log, or the error chain when initialization failed. */
  log: string;
  stdout: string;
  stderr: string;
  tree: string[];
}

/** Reads the probe's log out of an instance (the snapshot or the live one). */
function readLog(instance: WebAssembly.Instance): string {
  const exports = instance.exports as {
    memory: WebAssembly.Memory;
    probe_log_ptr: () => number;
    probe_log_len: () => number;
  };
  return Buffer.from(
    exports.memory.buffer,
    exports.probe_log_ptr(),
    exports.probe_log_len(),
  ).toString('latin1');
}

/** The causes upstream prints below "error while executing at wasm backtrace:", without frames. */
function upstreamTrap(stderr: string): string {
  const lines = stderr.split('\n');
  const causes = lines
    .filter((line) => /^\s+\d+: /.test(line) && !/^\s+\d+:\s+0x[0-9a-f]+ - /.test(line))
    .map((line) => line.replace(/^\s+\d+: /, ''))
    .filter((line) => line !== 'error while executing at wasm backtrace:');
  if (causes.length === 0) return `error: ${lines[0] ?? ''}`;
  return `trap: ${causes.join(' / ')}`;
}

export async function runUpstreamProbe(
  probe: Uint8Array,
  scenario: Scenario,
  dir: string,
): Promise<Outcome> {
  const root = join(dir, 'upstream');
  buildTree(root, scenario.tree ?? {});
  const input = join(dir, 'upstream-in.wasm');
  const output = join(dir, 'upstream-out.wasm');
  writeFileSync(input, withScript(probe, scenario.script));
  const args = ['--allow-wasi', `--inherit-stdio=${scenario.inheritStdio ?? true}`];
  if (scenario.env !== undefined) args.push('--inherit-env=true');
  for (const [guest, host] of scenario.preopens ?? [])
    args.push('--mapdir', `${guest}::${join(root, host)}`);
  args.push('-o', output, input);
  const result = await runProcess(upstreamWizerPath(), args, {
    env: Object.fromEntries(scenario.env ?? []),
    input: scenario.stdin ?? '',
  });
  const stdout = result.stdout.toString('latin1');
  const tree = dumpTree(root);
  if (result.code !== 0) return { log: upstreamTrap(result.stderr), stdout, stderr: '', tree };
  return { log: readSnapshotLog(readFileSync(output)), stdout, stderr: result.stderr, tree };
}

/** Instantiates a snapshot with imports that must not be called, and reads the probe's log. */
function readSnapshotLog(wasm: Uint8Array): string {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports: Record<string, Record<string, () => never>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    (imports[from] ??= {})[name] = () => {
      throw new Error(`snapshot called ${from}::${name}`);
    };
  }
  return readLog(new WebAssembly.Instance(module, imports));
}

/** Runs the probe through our engine's `wizen()` (stdio as given; tests use null sinks). */
export async function runWizenProbe(
  probe: Uint8Array,
  scenario: Scenario,
  dir: string,
): Promise<Outcome> {
  const { wizen } = await import('../../src/wizer/index.js');
  const root = join(dir, 'wizen');
  buildTree(root, scenario.tree ?? {});
  let log: string;
  try {
    const { wasm } = await wizen(withScript(probe, scenario.script), {
      allowWasi: true,
      inheritStdio: scenario.inheritStdio ?? true,
      inheritEnv: false,
      env: scenario.env ?? [],
      preopens: (scenario.preopens ?? []).map(([guest, host]) => ({
        guest,
        host: join(root, host),
      })),
    });
    log = readSnapshotLog(wasm);
  } catch (error) {
    const causes = errorChain(error)
      .flatMap((message) => message.split('\n'))
      .filter((line) => !/^the `.*` function trapped$/.test(line))
      .filter(
        (line) =>
          !/^\s*(\d+:\s+0x[0-9a-f]+ - |error while executing at wasm backtrace:)/.test(line),
      );
    log = `trap: ${causes.join(' / ')}`;
  }
  return { log, stdout: '', stderr: '', tree: dumpTree(root) };
}

/** Runs the probe on our layer the way the engine does: instantiate, `_initialize`, init function. */
export function runOurProbe(probe: Uint8Array, scenario: Scenario, dir: string): Outcome {
  const root = join(dir, 'ours');
  buildTree(root, scenario.tree ?? {});
  const stdinPath = join(dir, 'ours-stdin');
  const stdoutPath = join(dir, 'ours-stdout');
  const stderrPath = join(dir, 'ours-stderr');
  writeFileSync(stdinPath, scenario.stdin ?? '');
  const fds: [number, number, number] = [
    openSync(stdinPath, 'r'),
    openSync(stdoutPath, 'w'),
    openSync(stderrPath, 'w'),
  ];
  let log: string;
  try {
    const wasi = new Wasi(
      {
        env: scenario.env ?? [],
        inheritStdio: scenario.inheritStdio ?? true,
        stdoutToStderr: false,
        preopens: (scenario.preopens ?? []).map(([guest, host]) => ({
          guest,
          host: join(root, host),
        })),
      },
      fds,
    );
    const module = new WebAssembly.Module(
      withScript(probe, scenario.script) as Uint8Array<ArrayBuffer>,
    );
    const guest = wasi.forInstance();
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: guest.imports });
    const exports = instance.exports as Record<string, () => void> & { memory: WebAssembly.Memory };
    guest.bindMemory(exports.memory);
    try {
      exports._initialize?.();
      exports['wizer-initialize']?.();
      log = readLog(instance);
    } catch (error) {
      log = `trap: ${errorChain(error).join(' / ')}`;
    } finally {
      wasi.dispose();
    }
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  return {
    log,
    stdout: readFileSync(stdoutPath, 'latin1'),
    stderr: readFileSync(stderrPath, 'latin1'),
    tree: dumpTree(root),
  };
}

/** Runs the scenario under both and expects identical logs, guest output and trees afterwards. */
export async function expectSameAsUpstream(
  probe: Uint8Array,
  scenario: Scenario,
  dir: string,
): Promise<void> {
  const upstream = await runUpstreamProbe(probe, scenario, dir);
  const ours = runOurProbe(probe, scenario, dir);
  expect(ours.log).toBe(upstream.log);
  expect(ours.stdout).toBe(upstream.stdout);
  expect(ours.stderr).toBe(upstream.stderr);
  expect(ours.tree).toEqual(upstream.tree);
}
