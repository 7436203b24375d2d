/**
 * Differential tests on real programs compiled with the project's WASI toolchain (clang, wasi-libc,
 * libc++ from npm): each program is wizened by upstream Wizer 11.0.3 and by our CLI with the same flags, and
 * then (i) the two outputs must be equivalent modules (exports, globals, memory limits and image,
 * verbatim sections; see ../differential/compare-outputs.ts), (ii) both must print the same and
 * exit the same under node:wasi as the original module with its init function run first, and
 * (iii) ours must not be larger. Sources: fixtures/programs; header: include/wizer.h.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameSuccess, parseOutput } from '../differential/compare-outputs.js';
import { type DiffResult, runBoth } from '../differential/harness.js';
import { tempDir } from '../helpers/tools.js';
import { type ProgramSpec, compileAll, targetFeatures } from './build.js';
import { type CommandRun, runCommand } from './run-wasi.js';

const RUN_ARGS = ['prog', 'a', 'b'];
/** Flags for programs built with include/wizer.h (its documented usage). */
const WIZER_H_FLAGS = ['--allow-wasi', '-r', '_start=wizer.resume'];
/** The un-wizened equivalent of a wizer.h program's output `_start`. */
const WIZER_H_ORIGINAL_ENTRY = ['wizer-initialize', 'wizer.resume'];

interface CommandCase {
  spec: ProgramSpec;
  wizerFlags: string[];
  /** Export calls that give the original module the meaning of the wizened one. */
  originalEntry: string[];
  /**
   * target_features entries the build must show, proving the flag took effect. The linked module
   * lists the union of its objects' features, and the toolchain's wasi-libc is built with LLVM's
   * default CPU (bulk memory, sign-ext, multivalue, reference types, ...), so only features beyond
   * that default can be checked here.
   */
  features?: { has: string[] };
  /** Facts about the program's own output that hold whoever wizened it. */
  expectStdout: RegExp[];
}

const TABLE_FACTS = [
  /^init_runs=1 primes=25997 /m,
  /^is_prime\(299993\)=1$/m,
  /^argc=3 \[a\] \[b\]$/m,
];

function tableVariant(
  suffix: string,
  flag: string,
  features: CommandCase['features'],
): CommandCase {
  return {
    spec: { name: `table-${suffix}`, source: 'table.c', flags: [flag] },
    wizerFlags: ['--allow-wasi'],
    originalEntry: ['wizer-initialize', '_start'],
    features,
    expectStdout: TABLE_FACTS,
  };
}

const COMMAND_CASES: CommandCase[] = [
  {
    spec: { name: 'table', source: 'table.c' },
    wizerFlags: ['--allow-wasi'],
    originalEntry: ['wizer-initialize', '_start'],
    features: { has: ['+bulk-memory', '+sign-ext', '+mutable-globals'] },
    expectStdout: TABLE_FACTS,
  },
  // The program's own code without any post-MVP feature (libc keeps its own; see `features`).
  tableVariant('mvp', '-mcpu=mvp', undefined),
  tableVariant('simd128', '-msimd128', { has: ['+simd128'] }),
  tableVariant('tail-call', '-mtail-call', { has: ['+tail-call'] }),
  tableVariant('extended-const', '-mextended-const', { has: ['+extended-const'] }),
  {
    spec: { name: 'ctors', source: 'ctors.cpp' },
    wizerFlags: WIZER_H_FLAGS,
    originalEntry: WIZER_H_ORIGINAL_ENTRY,
    expectStdout: [
      /^ctor_runs=1 init_runs=1 words=15 fib89=1779979416004714189 .* argc=3$/m,
      /^arg 2: b$/m,
    ],
  },
  {
    spec: { name: 'ctor-default', source: 'ctor_default.c' },
    wizerFlags: WIZER_H_FLAGS,
    originalEntry: WIZER_H_ORIGINAL_ENTRY,
    expectStdout: [/^ctor_runs=1 triangle\(1999\)=1999000 argc=3 first=a$/m, /^destructor ran$/m],
  },
];

const REACTOR: ProgramSpec = {
  name: 'reactor',
  source: 'reactor.c',
  flags: ['-mexec-model=reactor'],
};

const modules = new Map<string, Uint8Array>();
let scratch: { path: string; cleanup: () => void } | undefined;

function moduleFor(name: string): Uint8Array {
  const wasm = modules.get(name);
  if (!wasm) throw new Error(`program ${name} was not built`);
  return wasm;
}

function describeRun(run: CommandRun): string {
  return `exit ${run.exitCode}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
}

describe('C/C++ programs: upstream Wizer vs ours', () => {
  beforeAll(async () => {
    scratch = tempDir('wizer-programs-');
    const built = await compileAll([...COMMAND_CASES.map((c) => c.spec), REACTOR], scratch.path);
    for (const [name, wasm] of built) modules.set(name, wasm);
  }, 300_000);

  afterAll(() => scratch?.cleanup());

  for (const testCase of COMMAND_CASES) {
    describe(testCase.spec.name, () => {
      let result: DiffResult;

      beforeAll(async () => {
        result = await runBoth({ wasm: moduleFor(testCase.spec.name), args: testCase.wizerFlags });
      });

      const required = testCase.features?.has;
      if (required) {
        it('was built with the requested target features', () => {
          const features = targetFeatures(moduleFor(testCase.spec.name));
          for (const feature of required) expect(features).toContain(feature);
        });
      }

      it('upstream and ours produce equivalent modules', async () => {
        const { upstream, ours } = await expectSameSuccess(result);
        const names = ours.exports.map((e) => e.name);
        expect(names).not.toContain('wizer-initialize');
        expect(names).toContain('_start');
        if (testCase.wizerFlags.includes('_start=wizer.resume'))
          expect(names).not.toContain('wizer.resume');
        expect(ours.bytes.length, 'ours is not larger than upstream').toBeLessThanOrEqual(
          upstream.bytes.length,
        );
      });

      it('both outputs run exactly like the original with its init function run first', async () => {
        expect(result.ours.output, `ours failed:\n${result.ours.stderr}`).toBeDefined();
        expect(result.upstream.output, `upstream failed:\n${result.upstream.stderr}`).toBeDefined();
        const original = await runCommand(
          moduleFor(testCase.spec.name),
          RUN_ARGS,
          testCase.originalEntry,
        );
        const upstreamRun = await runCommand(result.upstream.output!, RUN_ARGS);
        const ourRun = await runCommand(result.ours.output!, RUN_ARGS);
        for (const fact of testCase.expectStdout) expect(original.stdout).toMatch(fact);
        expect(describeRun(upstreamRun), 'upstream output vs original').toBe(describeRun(original));
        expect(describeRun(ourRun), 'our output vs original').toBe(describeRun(original));
      });
    });
  }

  it('the table program grows memory during init and both snapshots keep the grown size', async () => {
    const input = parseOutput(moduleFor('table'));
    const result = await runBoth({ wasm: moduleFor('table'), args: ['--allow-wasi'] });
    const { upstream, ours } = await expectSameSuccess(result);
    expect(upstream.memories[0]!.min).toBeGreaterThan(input.memories[0]!.min);
    expect(ours.memories[0]!.min).toBe(upstream.memories[0]!.min);
  });

  describe('reactor (_initialize, then the init function)', () => {
    let result: DiffResult;
    const queries: Array<[name: string, args: number[]]> = [
      ['probe_ctor_runs', []],
      ['probe_init_runs', []],
      ['probe_longest_start', []],
      ['probe_collatz', [27]],
      ['probe_collatz', [97]],
      ['probe_collatz', [1_000_003]],
    ];

    const ask = (exports: WebAssembly.Exports) =>
      queries.map(
        ([name, args]) =>
          `${name}(${args.join(',')})=${String((exports[name] as (...a: number[]) => unknown)(...args))}`,
      );

    async function instantiate(wasm: Uint8Array): Promise<WebAssembly.Exports> {
      const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
      expect(WebAssembly.Module.imports(module), 'the reactor needs no imports').toEqual([]);
      return (await WebAssembly.instantiate(module, {})).exports;
    }

    beforeAll(async () => {
      result = await runBoth({ wasm: moduleFor(REACTOR.name), args: [] });
    });

    it('upstream and ours produce equivalent modules without `_initialize`', async () => {
      const { upstream, ours } = await expectSameSuccess(result, {
        probeArgs: { probe_collatz: [27] },
      });
      for (const output of [upstream, ours]) {
        const names = output.exports.map((e) => e.name);
        expect(names).not.toContain('_initialize');
        expect(names).not.toContain('wizer-initialize');
      }
    });

    it('answers queries like the original after `_initialize` and init', async () => {
      const original = await instantiate(moduleFor(REACTOR.name));
      (original['_initialize'] as () => void)();
      (original['wizer-initialize'] as () => void)();
      const expected = ask(original);
      // Facts of the program itself: 27 takes 111 steps; below 100000, 77031 has the longest chain.
      expect(expected).toContain('probe_collatz(27)=111');
      expect(expected).toContain('probe_longest_start()=77031');
      expect(expected).toContain('probe_ctor_runs()=1');
      expect(result.upstream.output, `upstream failed:\n${result.upstream.stderr}`).toBeDefined();
      expect(result.ours.output, `ours failed:\n${result.ours.stderr}`).toBeDefined();
      expect(ask(await instantiate(result.upstream.output!)), 'upstream output').toEqual(expected);
      expect(ask(await instantiate(result.ours.output!)), 'our output').toEqual(expected);
    });
  });
});
