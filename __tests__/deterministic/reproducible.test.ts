/**
 * Issue 11's proof: with `--deterministic`, the CLI gives byte-identical output on every run, whatever
 * the V8 tier, the machine's load, the inputs' path, file times and directory creation order.
 *
 * For each module (a C++ program whose init reads clocks, random bytes, a preopened directory and
 * file metadata and computes a NaN; SQLite; the StarlingMonkey hello and acorn apps, replaying the
 * Wizer invocation a real ComponentizeJS run made) the CLI runs three times with --deterministic:
 * 1) plainly, 2) with Node started with another tier setting, 3) under CPU load from a copy of
 * the module and of every preopened tree at another path, with other timestamps and another
 * creation order (guest paths unchanged: a fresh checkout). The three sha256 must be equal.
 *
 * Set WIZER_TEST_CLI to a private bundle (scripts/build.mjs --out ...) to test the working tree.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWasi } from '../helpers/wasi-cc.js';
import { ourCliPath, repoRoot } from '../helpers/tools.js';

const workDir = join(repoRoot, '.tmp', 'deterministic-reproducible');

/**
 * Where the copies of the inputs go: a tmpfs when there is one (another path on another file
 * system: other device and inode numbers, and tmpfs lists a directory in reverse creation order
 * where ext4 lists it in hash order), else beside the originals.
 */
const copyBase = (() => {
  try {
    if (statSync('/dev/shm').isDirectory()) return mkdtempSync('/dev/shm/wizer-reproducible-');
  } catch {
    // no tmpfs: fall through
  }
  return join(workDir, 'copies');
})();

/** The second run's V8 tier setting: TurboFan only (the first run tiers up from Liftoff). */
const OTHER_TIER = ['--no-liftoff'];

interface Invocation {
  /** CLI arguments, without the output (`-o` is added per run) */
  args: string[];
  env: NodeJS.ProcessEnv;
  stdin?: string;
}

/** The environment of the runs: the test's own, without SOURCE_DATE_EPOCH (the default epoch). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['SOURCE_DATE_EPOCH'];
  return env;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Runs the CLI to `out` and returns the output's bytes. */
function runCli(inv: Invocation, out: string, nodeFlags: string[] = []): Uint8Array {
  rmSync(out, { force: true });
  const result = spawnSync(
    process.execPath,
    ['--no-warnings', ...nodeFlags, ourCliPath, ...inv.args, '-o', out],
    { env: inv.env, input: inv.stdin ?? '', encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (result.status !== 0) {
    throw new Error(`CLI exited ${result.status ?? result.signal}:\n${result.stderr}`);
  }
  return readFileSync(out);
}

/** Busy-looping Node processes, one per CPU (at least 2, at most 8), until `stop()`. */
function cpuLoad(): { stop(): void } {
  const count = Math.max(2, Math.min(8, cpus().length));
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(
      spawn(process.execPath, ['-e', 'for (let x = 0; ; x = (x + 1) | 0);'], { stdio: 'ignore' }),
    );
  }
  return {
    stop() {
      for (const child of children) if (child.pid !== undefined) process.kill(child.pid);
    },
  };
}

/**
 * Copies a tree to `to`, creating entries in reverse name order (another creation order, so
 * another inode order and, on many file systems, another listing order), then gives every file
 * and directory other timestamps.
 */
function copyTree(from: string, to: string, when: Date): void {
  rmSync(to, { recursive: true, force: true });
  const copy = (src: string, dst: string) => {
    mkdirSync(dst, { recursive: true });
    const entries = readdirSync(src, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? 1 : -1,
    );
    // A scratch file created first and removed last perturbs directory slots as well.
    writeFileSync(join(dst, '.scratch'), 'x');
    for (const entry of entries) {
      const s = join(src, entry.name);
      const d = join(dst, entry.name);
      if (entry.isDirectory()) copy(s, d);
      else copyFileSync(s, d);
      utimesSync(d, when, when);
    }
    rmSync(join(dst, '.scratch'));
    utimesSync(dst, when, when);
  };
  copy(from, to);
}

/** A copy of one file at another path with other timestamps. */
function copyFile(from: string, to: string, when: Date): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  utimesSync(to, when, when);
}

const OTHER_TIME = new Date('2003-04-05T06:07:08Z');

/**
 * The three deterministic runs; `relocated` builds the copy of the inputs under `copyRoot` and
 * returns the invocation reading them. Returns the three outputs' sha256 (logged with the size).
 */
function threeRuns(
  name: string,
  inv: Invocation,
  relocated: (copyRoot: string) => Invocation,
): { hashes: string[]; output: Uint8Array } {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const det = (i: Invocation): Invocation => ({ ...i, args: ['--deterministic', ...i.args] });
  const first = runCli(det(inv), join(dir, 'plain.wasm'));
  const second = runCli(det(inv), join(dir, 'other-tier.wasm'), OTHER_TIER);
  const copyInv = relocated(join(copyBase, name));
  const load = cpuLoad();
  let third: Uint8Array;
  try {
    third = runCli(det(copyInv), join(dir, 'loaded-copy.wasm'));
  } finally {
    load.stop();
  }
  const hashes = [first, second, third].map(sha256);
  for (const [run, bytes] of [
    ['plain', first],
    ['other-tier', second],
    ['loaded-copy', third],
  ] as const) {
    console.log(`reproducible: ${name} (${run}) ${bytes.length} ${sha256(bytes)}`);
  }
  return { hashes, output: first };
}

/** Instantiates a module with every import a trap (the probes call none) and returns its exports. */
function probeExports(wasm: Uint8Array): Record<string, (...args: unknown[]) => unknown> {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`unexpected import ${imp.module}.${imp.name}`);
    (imports[imp.module] ??= {})[imp.name] = () => {
      throw new Error(`probe called ${imp.module}.${imp.name}`);
    };
  }
  const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
  return instance.exports as Record<string, (...args: unknown[]) => unknown>;
}

beforeAll(() => {
  mkdirSync(workDir, { recursive: true });
});

afterAll(() => {
  rmSync(copyBase, { recursive: true, force: true });
});

describe('a C++ program whose init reads clocks, random bytes and file metadata', () => {
  const dir = join(workDir, 'host-state');
  const data = join(dir, 'data');
  const input = join(dir, 'host-state.wasm');
  const invocation = (module: string, tree: string): Invocation => ({
    args: ['--allow-wasi', `--mapdir=/data::${tree}`, module],
    env: cleanEnv(),
  });
  let deterministic: Uint8Array;

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(data, 'sub'), { recursive: true });
    // Created out of name order, so the host's listing order is not the sorted one either.
    for (const [name, text] of [
      ['m.txt', 'middle\n'],
      ['z.txt', 'last file\n'],
      ['a.txt', 'first\n'],
      ['sub/inner.txt', 'nested\n'],
    ] as const) {
      writeFileSync(join(data, name), text);
    }
    const wasm = await compileWasi({
      sources: [join(repoRoot, '__tests__', 'deterministic', 'host-state.cpp')],
      flags: ['-O2', '-fno-exceptions', '-std=c++17', '-mexec-model=reactor', '-Wl,--strip-debug'],
    });
    writeFileSync(input, wasm);
  }, 180_000);

  it('gives the same bytes on three runs (other tier; load, copied inputs)', () => {
    const { hashes, output } = threeRuns('host-state', invocation(input, data), (root) => {
      const module = join(root, 'module', 'host-state.wasm');
      copyFile(input, module, OTHER_TIME);
      copyTree(data, join(root, 'tree'), OTHER_TIME);
      return invocation(module, join(root, 'tree'));
    });
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toBe(hashes[0]);
    deterministic = output;
  }, 120_000);

  it('the copy is listed in another order on the host (so sorting is exercised)', () => {
    const tree = join(copyBase, 'host-state', 'tree');
    const original = runCli(invocation(input, data), join(dir, 'host-original.wasm'));
    const copied = runCli(invocation(input, tree), join(dir, 'host-copy.wasm'));
    const first = (wasm: Uint8Array) => probeExports(wasm)['probe_first_name_hash']!();
    // Only where the copy is on another file system kind (tmpfs vs the checkout's).
    if (copyBase.startsWith('/dev/shm/') && statSync(workDir).dev !== statSync(copyBase).dev) {
      expect(first(copied)).not.toBe(first(original));
    }
    expect(first(deterministic)).toBe(
      first(
        runCli(
          {
            ...invocation(input, tree),
            args: ['--deterministic', ...invocation(input, tree).args],
          },
          join(dir, 'deterministic-copy.wasm'),
        ),
      ),
    );
  }, 60_000);

  it('differs between two runs without --deterministic (the test can fail)', () => {
    const a = runCli(invocation(input, data), join(dir, 'host-a.wasm'));
    const b = runCli(invocation(input, data), join(dir, 'host-b.wasm'));
    console.log(`reproducible: host-state (without --deterministic) ${a.length} ${sha256(a)}`);
    console.log(`reproducible: host-state (without --deterministic) ${b.length} ${sha256(b)}`);
    expect(sha256(a)).not.toBe(sha256(b));
  }, 60_000);

  it('the deterministic output validates and answers the probes as a host-mode output does', () => {
    expect(deterministic).toBeDefined();
    const host = runCli(invocation(input, data), join(dir, 'host-probe.wasm'));
    expect(WebAssembly.validate(deterministic as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(WebAssembly.validate(host as Uint8Array<ArrayBuffer>)).toBe(true);
    const probes = [
      'probe_initialized',
      'probe_entry_count',
      'probe_size_sum',
      'probe_names_hash',
      'probe_table_sum',
      'probe_clocks_sane',
      'probe_nan_is_nan',
    ];
    const answers = (wasm: Uint8Array) => {
      const exports = probeExports(wasm);
      return Object.fromEntries(probes.map((p) => [p, String(exports[p]!())]));
    };
    const expected = answers(host);
    expect(expected['probe_initialized']).toBe('1');
    expect(expected['probe_entry_count']).toBe('4');
    expect(expected['probe_size_sum']).toBe('23');
    expect(expected['probe_clocks_sane']).toBe('1');
    expect(expected['probe_nan_is_nan']).toBe('1');
    expect(answers(deterministic)).toEqual(expected);
  }, 60_000);

  // Kept apart from the hashes: NaN canonicalisation in the instrumented copy is a separate part
  // of the mode. x86's native 0/0 and sqrt(-1) are the negative default NaNs (0xffc00000,
  // 0xfff8000000000000); the deterministic snapshot must hold the canonical ones.
  it('stores the NaNs computed during init canonical with --deterministic', () => {
    expect(deterministic).toBeDefined();
    const exports = probeExports(deterministic);
    const hex = (v: unknown, digits: number) =>
      (BigInt.asUintN(digits * 4, BigInt(v as number | bigint)) as bigint)
        .toString(16)
        .padStart(digits, '0');
    const host = probeExports(readFileSync(join(dir, 'host-probe.wasm')));
    console.log(
      `reproducible: host-state NaN bits: host f32 ${hex(host['probe_nan_f32_bits']!(), 8)} ` +
        `f64 ${hex(host['probe_nan_f64_bits']!(), 16)}; deterministic f32 ` +
        `${hex(exports['probe_nan_f32_bits']!(), 8)} f64 ${hex(exports['probe_nan_f64_bits']!(), 16)}`,
    );
    expect(hex(exports['probe_nan_f32_bits']!(), 8)).toBe('7fc00000');
    expect(hex(exports['probe_nan_f64_bits']!(), 16)).toBe('7ff8000000000000');
  }, 60_000);
});

/** Imports a bench module (plain JavaScript, no types) by path. */
async function benchLib<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(join(repoRoot, 'bench', 'lib', name)).href)) as T;
}

interface BenchModule {
  inputPath: string;
  wizerInvocation(outPath: string): { args: string[]; env?: NodeJS.ProcessEnv; input?: string };
}

describe('SQLite (the bench app: a 30k-row database built during init)', () => {
  const dir = join(workDir, 'sqlite');
  let inputPath: string;
  let deterministic: Uint8Array;
  const invocation = (module: string): Invocation => ({
    args: ['--allow-wasi', module],
    env: cleanEnv(),
  });

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const { prepareSqlite } = await benchLib<{ prepareSqlite(): Promise<BenchModule> }>(
      'sqlite.mjs',
    );
    ({ inputPath } = await prepareSqlite());
  }, 300_000);

  it('gives the same bytes on three runs (other tier; load, copied input)', () => {
    const { hashes, output } = threeRuns('sqlite', invocation(inputPath), (root) => {
      const module = join(root, 'elsewhere', 'sqlite-app.wasm');
      copyFile(inputPath, module, OTHER_TIME);
      return invocation(module);
    });
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toBe(hashes[0]);
    deterministic = output;
  }, 300_000);

  it('the deterministic output validates and its main prints what a host-mode output prints', () => {
    expect(deterministic).toBeDefined();
    const hostPath = join(dir, 'host.wasm');
    const host = runCli(invocation(inputPath), hostPath);
    expect(WebAssembly.validate(deterministic as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(WebAssembly.validate(host as Uint8Array<ArrayBuffer>)).toBe(true);
    const run = (file: string) => {
      const result = spawnSync(
        process.execPath,
        ['--no-warnings', join(repoRoot, 'bench', 'lib', 'run-wasi.mjs'), file, '5'],
        { encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    const expected = run(hostPath);
    expect(expected.split('\n').length).toBeGreaterThan(2);
    expect(run(join(workDir, 'sqlite', 'plain.wasm'))).toBe(expected);
    // And the original (which initializes itself in main) agrees.
    expect(run(inputPath)).toBe(expected);
  }, 120_000);
});

/**
 * The StarlingMonkey apps: the core module and the exact Wizer invocation captured from a real
 * ComponentizeJS run (bench/lib/starlingmonkey.mjs), replayed with --deterministic. The copy keeps
 * every guest path: a `--dir=<path>` becomes `--mapdir=<path>::<copy>`, a `--mapdir=<g>::<path>`
 * becomes `--mapdir=<g>::<copy>`, so the engine sees the same paths (its init script names them).
 */
for (const appName of ['hello', 'acorn'] as const) {
  describe(`StarlingMonkey (${appName} app, ComponentizeJS's invocation)`, () => {
    let module: BenchModule;

    beforeAll(async () => {
      const { prepareStarlingMonkey } = await benchLib<{
        prepareStarlingMonkey(app: string): BenchModule;
      }>('starlingmonkey.mjs');
      module = prepareStarlingMonkey(appName);
    }, 300_000);

    /** The captured invocation without its `-o=`; the input path replaced by `input`. */
    const invocationOf = (input: string, tree: (host: string) => string): Invocation => {
      const captured = module.wizerInvocation('/unused-output.wasm');
      const args: string[] = [];
      for (const arg of captured.args) {
        if (arg.startsWith('-o=') || arg === '-o') continue;
        if (arg === module.inputPath) args.push(input);
        else if (arg.startsWith('--dir=')) {
          const host = arg.slice('--dir='.length);
          args.push(`--mapdir=${host}::${tree(host)}`);
        } else if (arg.startsWith('--mapdir=')) {
          const [guest, host] = arg.slice('--mapdir='.length).split('::') as [string, string];
          args.push(`--mapdir=${guest}::${tree(host)}`);
        } else args.push(arg);
      }
      return { args, env: captured.env ?? cleanEnv(), stdin: captured.input ?? '' };
    };

    it('gives the same bytes on three runs (other tier; load, copied inputs)', () => {
      const original = invocationOf(module.inputPath, (host) => host);
      const { hashes } = threeRuns(`starlingmonkey-${appName}`, original, (root) => {
        const input = join(root, 'module', 'input.wasm');
        copyFile(module.inputPath, input, OTHER_TIME);
        let n = 0;
        return invocationOf(input, (host) => {
          const copy = join(root, `tree-${n++}`);
          copyTree(host, copy, OTHER_TIME);
          return copy;
        });
      });
      expect(hashes[1]).toBe(hashes[0]);
      expect(hashes[2]).toBe(hashes[0]);
    }, 600_000);
  });
}
