/**
 * `--optimize` on real programs (issue 12's differential proof): for the C/C++ programs in
 * fixtures/programs, SQLite and the StarlingMonkey module, the optimized output behaves exactly
 * like the unoptimized one (same program output, same probes or the module's own validator, the
 * same exports and the same memory image once instantiated) and is smaller. A binaryen failure
 * through the CLI writes nothing.
 *
 * Sizes and times are logged as `optimize-real: <name> <before> -> <after> bytes in <ms> ms`.
 * Set WIZER_TEST_CLI to a private bundle to test the working tree's CLI.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wizen, type WizenOptions } from '../../src/wizer/index.js';
import { compileProgram, type ProgramSpec } from '../programs/build.js';
import { type CommandRun, runCommand, type RunEnvironment } from '../programs/run-wasi.js';
import { ourCliPath, repoRoot, runOurs, runProcess, tempDir, wat } from '../helpers/tools.js';

/** Cheap passes for the big modules: what init alone reached goes, and the data is repacked. */
const CHEAP = '--remove-unused-module-elements --memory-packing --duplicate-function-elimination';

const dir = tempDir('wizer-optimize-real-');
afterAll(() => dir.cleanup());

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describeRun(run: CommandRun): string {
  return `exit ${run.exitCode}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
}

function logSizes(name: string, before: number, after: number, ms: number): void {
  console.log(`optimize-real: ${name} ${before} -> ${after} bytes in ${Math.round(ms)} ms`);
}

/** Export names and kinds, in order. */
function exportList(wasm: Uint8Array): WebAssembly.ModuleExportDescriptor[] {
  return WebAssembly.Module.exports(new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>));
}

/**
 * The state right after instantiation, with every imported function a stub returning 0 (no
 * snapshot has a start function left; a stub call would show as a difference anyway): each
 * exported memory's length and sha256, and each exported global's value.
 */
function instantiatedState(wasm: Uint8Array): Record<string, string> {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports: Record<string, Record<string, () => number>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`unexpected import ${imp.module}.${imp.name}`);
    (imports[imp.module] ??= {})[imp.name] = () => 0;
  }
  const instance = new WebAssembly.Instance(module, imports);
  const state: Record<string, string> = {};
  for (const { name, kind } of WebAssembly.Module.exports(module)) {
    const value = instance.exports[name];
    if (kind === 'memory') {
      const bytes = new Uint8Array((value as WebAssembly.Memory).buffer);
      state[`memory ${name}`] = `${bytes.length} ${sha256(bytes)}`;
    } else if (kind === 'global') {
      state[`global ${name}`] = String((value as WebAssembly.Global).value);
    }
  }
  return state;
}

/** Same exports, same memory image and exported globals once instantiated, and smaller. */
function expectSameModuleState(plain: Uint8Array, optimized: Uint8Array): void {
  expect(WebAssembly.validate(optimized as Uint8Array<ArrayBuffer>)).toBe(true);
  expect(exportList(optimized)).toEqual(exportList(plain));
  const state = instantiatedState(plain);
  expect(Object.keys(state).some((key) => key.startsWith('memory '))).toBe(true);
  expect(instantiatedState(optimized)).toEqual(state);
  expect(optimized.length).toBeLessThan(plain.length);
}

interface ProgramCase {
  spec: ProgramSpec;
  options: Partial<WizenOptions>;
  /** How the outputs are exercised: a WASI command run, or the reactor's probes. */
  run:
    | { kind: 'command'; args: string[]; environment?: RunEnvironment; expect: RegExp[] }
    | { kind: 'probes'; queries: Array<[name: string, args: number[]]>; expect: string[] };
}

/** include/wizer.h's documented usage. */
const WIZER_H: Partial<WizenOptions> = { allowWasi: true, renames: [['_start', 'wizer.resume']] };

const configDir = join(dir.path, 'cfg');

const PROGRAMS: ProgramCase[] = [
  {
    spec: { name: 'table', source: 'table.c' },
    options: { allowWasi: true },
    run: {
      kind: 'command',
      args: ['prog', 'a', 'b'],
      expect: [/^init_runs=1 primes=25997 /m, /^is_prime\(299993\)=1$/m, /^argc=3 \[a\] \[b\]$/m],
    },
  },
  {
    spec: { name: 'table-simd128', source: 'table.c', flags: ['-msimd128'] },
    options: { allowWasi: true },
    run: { kind: 'command', args: ['prog', 'a', 'b'], expect: [/^init_runs=1 primes=25997 /m] },
  },
  {
    spec: { name: 'ctors', source: 'ctors.cpp' },
    options: WIZER_H,
    run: {
      kind: 'command',
      args: ['prog', 'a', 'b'],
      expect: [
        /^ctor_runs=1 init_runs=1 words=15 fib89=1779979416004714189 .* argc=3$/m,
        /^arg 2: b$/m,
      ],
    },
  },
  {
    spec: { name: 'ctor-default', source: 'ctor_default.c' },
    options: WIZER_H,
    run: {
      kind: 'command',
      args: ['prog', 'a', 'b'],
      expect: [/^ctor_runs=1 triangle\(1999\)=1999000 argc=3 first=a$/m, /^destructor ran$/m],
    },
  },
  {
    // Init reads the environment, a preopened file and stdin (empty here: no inherited stdio).
    spec: { name: 'config-loader', source: 'config_loader.c' },
    options: {
      allowWasi: true,
      inheritStdio: false,
      env: [['GREETING', 'hello from init']],
      preopens: [{ guest: '/config', host: configDir }],
    },
    run: {
      kind: 'command',
      args: ['prog', 'level', 'missing'],
      expect: [
        /^init_runs=1 init_argc=0 greeting=hello from init config_errno=0$/m,
        /^setting level=11$/m,
        /^lookup level -> 11$/m,
        /^lookup missing -> \(none\)$/m,
      ],
    },
  },
  {
    spec: { name: 'reactor', source: 'reactor.c', flags: ['-mexec-model=reactor'] },
    options: {},
    run: {
      kind: 'probes',
      queries: [
        ['probe_ctor_runs', []],
        ['probe_init_runs', []],
        ['probe_longest_start', []],
        ['probe_collatz', [27]],
        ['probe_collatz', [97]],
        ['probe_collatz', [1_000_003]],
      ],
      expect: ['probe_ctor_runs()=1', 'probe_init_runs()=1', 'probe_longest_start()=77031'],
    },
  },
];

function askProbes(wasm: Uint8Array, queries: Array<[string, number[]]>): string[] {
  const instance = new WebAssembly.Instance(
    new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>),
    {},
  );
  return queries.map(
    ([name, args]) =>
      `${name}(${args.join(',')})=${String((instance.exports[name] as (...a: number[]) => unknown)(...args))}`,
  );
}

describe('C/C++ programs: wizened with and without `-O`', () => {
  const inputs = new Map<string, Uint8Array>();

  beforeAll(async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      join(configDir, 'settings.txt'),
      'name=wizer\n# a comment\nlevel=11\ncolor=blue\n',
    );
    for (const { spec } of PROGRAMS) inputs.set(spec.name, await compileProgram(spec, dir.path));
  }, 300_000);

  for (const program of PROGRAMS) {
    it(`${program.spec.name}: the optimized output runs the same, holds the same state and is smaller`, async () => {
      const input = inputs.get(program.spec.name)!;
      const plain = (await wizen(input, program.options)).wasm;
      const { wasm: optimized, report } = await wizen(input, {
        ...program.options,
        optimize: '-O',
      });
      logSizes(program.spec.name, plain.length, optimized.length, report.optimize!.ms);
      expect(report.optimize?.bytesBefore).toBe(plain.length);
      expect(report.optimize?.bytesAfter).toBe(optimized.length);
      expectSameModuleState(plain, optimized);

      const run = program.run;
      if (run.kind === 'command') {
        const a = await runCommand(plain, run.args, ['_start'], run.environment);
        const b = await runCommand(optimized, run.args, ['_start'], run.environment);
        expect(describeRun(b)).toBe(describeRun(a));
        for (const fact of run.expect) expect(a.stdout).toMatch(fact);
      } else {
        const answers = askProbes(plain, run.queries);
        expect(askProbes(optimized, run.queries)).toEqual(answers);
        for (const fact of run.expect) expect(answers).toContain(fact);
      }
    }, 300_000);
  }
});

/** Imports a bench module (plain JavaScript, no types) by path. */
async function benchLib<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(join(repoRoot, 'bench', 'lib', name)).href)) as T;
}

interface BenchModule {
  inputPath: string;
  wizerInvocation(outPath: string): { args: string[]; env?: NodeJS.ProcessEnv; input?: string };
  validate(outPath: string): Promise<string>;
}

describe('SQLite (the bench app: a 30k-row database built during init)', () => {
  let input: Uint8Array;

  beforeAll(async () => {
    const { prepareSqlite } = await benchLib<{ prepareSqlite(): Promise<BenchModule> }>(
      'sqlite.mjs',
    );
    input = readFileSync((await prepareSqlite()).inputPath);
  }, 300_000);

  // `-O` takes about 25 s here (binaryen.js on a 4 MB module), well under a minute.
  it('with `-O`: main prints the same, the state is the same, and it is smaller', async () => {
    const plain = (await wizen(input, { allowWasi: true, inheritStdio: false })).wasm;
    const started = performance.now();
    const { wasm: optimized, report } = await wizen(input, {
      allowWasi: true,
      inheritStdio: false,
      optimize: '-O',
    });
    const wall = performance.now() - started;
    logSizes('sqlite (-O)', plain.length, optimized.length, report.optimize!.ms);
    console.log(`optimize-real: sqlite (-O) whole wizening ${Math.round(wall)} ms`);
    expectSameModuleState(plain, optimized);

    const args = ['sqlite-app.wasm', '5'];
    const a = await runCommand(plain, args);
    const b = await runCommand(optimized, args);
    expect(describeRun(b)).toBe(describeRun(a));
    expect(a.exitCode).toBe(0);
    expect(a.stdout.split('\n').length).toBeGreaterThan(2);
    // The original initializes itself in main and prints the same.
    expect(describeRun(await runCommand(input, args))).toBe(describeRun(a));
  }, 300_000);
});

describe("StarlingMonkey (hello app, ComponentizeJS's invocation through our CLI)", () => {
  let module: BenchModule;
  const outDir = join(dir.path, 'starlingmonkey');

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    const { prepareStarlingMonkey } = await benchLib<{
      prepareStarlingMonkey(app: string): BenchModule;
    }>('starlingmonkey.mjs');
    module = prepareStarlingMonkey('hello');
  }, 300_000);

  /** Replays the captured invocation with our CLI, with extra arguments in front. */
  async function replay(outPath: string, extra: string[]): Promise<number> {
    const captured = module.wizerInvocation(outPath);
    const started = performance.now();
    const result = await runProcess(process.execPath, [ourCliPath, ...extra, ...captured.args], {
      env: captured.env ?? { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
      input: captured.input ?? '',
      timeoutMs: 280_000,
    });
    const ms = performance.now() - started;
    expect(result.code, result.stderr).toBe(0);
    return ms;
  }

  it('with the cheap passes: passes the module’s own validate() and is smaller', async () => {
    const plainPath = join(outDir, 'plain.wasm');
    const optimizedPath = join(outDir, 'optimized.wasm');
    const plainMs = await replay(plainPath, []);
    const optimizedMs = await replay(optimizedPath, [`--optimize=${CHEAP}`]);
    const plain = readFileSync(plainPath);
    const optimized = readFileSync(optimizedPath);
    logSizes('starlingmonkey-hello (cheap)', plain.length, optimized.length, optimizedMs);
    console.log(
      `optimize-real: starlingmonkey-hello CLI runs: plain ${Math.round(plainMs)} ms, ` +
        `optimized ${Math.round(optimizedMs)} ms`,
    );
    expect(WebAssembly.validate(optimized)).toBe(true);
    expect(exportList(optimized)).toEqual(exportList(plain));
    expect(optimized.length).toBeLessThan(plain.length);
    expect(await module.validate(optimizedPath)).toMatch(/export call\(s\) match ComponentizeJS/);
  }, 300_000);
});

describe('a binaryen failure through the CLI', () => {
  it('exits 1, names the cause and writes no output file', async () => {
    // SIMD code in a module whose target_features says it uses only sign-ext: binaryen refuses it.
    const input = join(dir.path, 'simd-mislabelled.wasm');
    writeFileSync(
      input,
      await wat(`(module
        (func (export "wizer-initialize"))
        (func (export "v") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4)))
        (@custom "target_features" "\\01\\2b\\08sign-ext"))`),
    );
    const output = join(dir.path, 'refused.wasm');
    const result = await runOurs(['--optimize', '-O', input, '-o', output]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('binaryen failed to optimize the module');
    expect(existsSync(output)).toBe(false);
  });
});
