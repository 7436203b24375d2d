/**
 * `--optimize` (issue 12): binaryen after the wizening, in the same step. The optimized output
 * must behave exactly like the unoptimized one (same exports' answers, same program output, the
 * same memory image once instantiated), be smaller, keep the input's custom sections, and any
 * failure must name its cause and write nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OptimizeArgsError, parseOptimizeArgs } from '../../src/optimize/index.js';
import { wizen } from '../../src/wizer/index.js';
import { readSections } from '../../src/wasm/module.js';
import { BinaryReader } from '../../src/wasm/reader.js';
import { compileProgram } from '../programs/build.js';
import { runCommand } from '../programs/run-wasi.js';
import { repoRoot, runOurs, tempDir, wat } from '../helpers/tools.js';
import { assemble } from '../component/fixtures.js';
import {
  call as callComponent,
  hostOptions,
  instantiateComponent,
  type Probe,
} from '../component/equivalence.js';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import { compileWasi } from '../helpers/wasi-cc.js';

const dir = tempDir('wizer-optimize-');
afterAll(() => dir.cleanup());

/** Init computes through a helper only it calls; `get` reads the results. */
const INIT_ONLY = `(module
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (func $init_only (param i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 7)))
  (func (export "wizer-initialize")
    (global.set $g (call $init_only (i32.const 5)))
    (i32.store (i32.const 16) (call $init_only (i32.const 11))))
  (func $get (export "get") (result i32) (i32.add (global.get $g) (i32.load (i32.const 16))))
  (@custom "producers" "\\01\\0cprocessed-by\\01\\04test\\051.2.3"))`;

/** Entries of the function section (id 3). */
function countDefinedFunctions(wasm: Uint8Array): number {
  const section = readSections(wasm).find((s) => s.id === 3);
  return section === undefined ? 0 : wasm[section.payloadStart]!;
}

/** Subsection ids of a whole `name` custom section (header, name, then id/size/payload runs). */
function nameSubsectionIds(section: Uint8Array): number[] {
  const r = new BinaryReader(section);
  r.u8();
  const end = r.u32() + r.pos;
  r.name();
  const ids: number[] = [];
  while (r.pos < end) {
    ids.push(r.u8());
    const size = r.u32();
    r.pos += size;
  }
  return ids;
}

function customSections(wasm: Uint8Array): Map<string, Uint8Array> {
  return new Map(
    readSections(wasm)
      .filter((s) => s.customName !== undefined)
      .map((s) => [s.customName!, wasm.slice(s.start, s.end)]),
  );
}

function call(wasm: Uint8Array, name: string): unknown {
  const instance = new WebAssembly.Instance(
    new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>),
  );
  return (instance.exports[name] as () => unknown)();
}

describe('--optimize arguments', () => {
  it('takes wasm-opt levels, pass names and -g, in order', () => {
    expect(parseOptimizeArgs('-O')).toEqual({
      steps: [{ kind: 'level', optimize: 2, shrink: 1, flag: '-O' }],
      debugInfo: false,
      optimizeLevel: 2,
      shrinkLevel: 1,
    });
    const args = parseOptimizeArgs('  --strip-debug -O3\n--memory-packing -g -Oz ');
    expect(args.steps.map((s) => (s.kind === 'pass' ? s.name : s.flag))).toEqual([
      'strip-debug',
      '-O3',
      'memory-packing',
      '-Oz',
    ]);
    expect([args.optimizeLevel, args.shrinkLevel, args.debugInfo]).toEqual([2, 2, true]);
    expect(parseOptimizeArgs('-O4').optimizeLevel).toBe(4);
    expect(parseOptimizeArgs('--remove-unused-module-elements').steps).toHaveLength(1);
  });

  it.each([
    ['', /no optimization given/],
    ['-O5', /unknown optimization level `-O5`/],
    ['-Ofast', /unknown optimization level `-Ofast`/],
    ['--no-such-pass', /unknown optimization pass or option `--no-such-pass`/],
    ['strip-debug', /unknown optimization pass or option `strip-debug`/],
  ])('refuses %j', (text, message) => {
    expect(() => parseOptimizeArgs(text)).toThrow(OptimizeArgsError);
    expect(() => parseOptimizeArgs(text)).toThrow(message);
  });
});

describe('wizen() with optimize', () => {
  it('drops what only init reached, answers the same, keeps custom sections byte for byte', async () => {
    const input = await wat(INIT_ONLY);
    const plain = (await wizen(input)).wasm;
    const { wasm, report } = await wizen(input, { optimize: '-O' });
    expect(WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(call(wasm, 'get')).toBe(call(plain, 'get'));
    expect(call(wasm, 'get')).toBe(22 + 40);
    // The plain output keeps the init-only helper (and init's body); the optimized one does not.
    expect(countDefinedFunctions(plain)).toBe(3);
    expect(countDefinedFunctions(wasm)).toBe(1);
    expect(wasm.length).toBeLessThan(plain.length);
    expect(customSections(wasm).get('producers')).toEqual(customSections(input).get('producers'));
    expect(report.optimize?.bytesBefore).toBe(plain.length);
    expect(report.optimize?.bytesAfter).toBe(wasm.length);
    expect(report.outputBytes).toBe(wasm.length);
  });

  it('keeps the name section only with -g', async () => {
    const input = await wat(INIT_ONLY);
    expect(customSections(input).has('name')).toBe(true);
    expect(customSections((await wizen(input, { optimize: '-O' })).wasm).has('name')).toBe(false);
    const named = (await wizen(input, { optimize: '-O -g' })).wasm;
    expect(customSections(named).has('name')).toBe(true);
    // Only the kinds of names the input had (binaryen would add local names of its own).
    const kinds = (wasm: Uint8Array) => nameSubsectionIds(customSections(wasm).get('name')!);
    expect(kinds(named)).toContain(1);
    expect(kinds(named).every((id) => kinds(input).includes(id))).toBe(true);
  });

  it('a C program behaves the same, holds the same memory image once instantiated, and is smaller', async () => {
    const input = await compileProgram({ name: 'table-optimize', source: 'table.c' }, dir.path);
    const options = { allowWasi: true };
    const plain = (await wizen(input, options)).wasm;
    const optimized = (await wizen(input, { ...options, optimize: '-O' })).wasm;
    expect(optimized.length).toBeLessThan(plain.length);
    const args = ['prog', 'a', 'b'];
    const [a, b] = [await runCommand(plain, args), await runCommand(optimized, args)];
    expect(b).toEqual(a);
    expect(a.stdout).toMatch(/^init_runs=1 primes=25997 /m);
    expect(memoryImage(optimized)).toEqual(memoryImage(plain));
  }, 300_000);

  it('fails, naming the cause, when binaryen cannot read the module', async () => {
    // SIMD code in a module whose target_features says it uses none: binaryen refuses it.
    const input = await wat(`(module
      (func (export "wizer-initialize"))
      (func (export "v") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4)))
      (@custom "target_features" "\\01\\2b\\08sign-ext"))`);
    await expect(wizen(input, { optimize: '-O' })).rejects.toThrow(
      'binaryen failed to optimize the module',
    );
  });
});

/** Every defined memory's bytes right after instantiation (start functions stubbed out). */
function memoryImage(wasm: Uint8Array): Uint8Array {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports: Record<string, Record<string, () => number>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    (imports[imp.module] ??= {})[imp.name] = () => 0;
  }
  const instance = new WebAssembly.Instance(module, imports);
  return new Uint8Array((instance.exports['memory'] as WebAssembly.Memory).buffer).slice();
}

describe('--optimize on the command line', () => {
  it('takes a value that starts with a dash; a bad one is a usage error and writes nothing', async () => {
    const input = join(dir.path, 'in.wasm');
    writeFileSync(input, await wat(INIT_ONLY));
    const output = join(dir.path, 'out.wasm');
    const good = await runOurs(['--optimize', '-O', input, '-o', output]);
    expect(good.code, good.stderr.toString()).toBe(0);
    expect(call(readFileSync(output), 'get')).toBe(62);

    const bad = join(dir.path, 'bad.wasm');
    const refused = await runOurs(['--optimize=--inline-everything', input, '-o', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.toString()).toContain(
      "invalid value '--inline-everything' for '--optimize <ARGS>': unknown optimization pass or option `--inline-everything`",
    );
    expect(existsSync(bad)).toBe(false);
  });
});

describe('--optimize on a component', () => {
  it('optimizes each core module inside; the output answers every probe as the unoptimized one', async () => {
    const input = await assemble(
      readFileSync(join(repoRoot, 'fixtures', 'components', 'equivalence', 'multi.wat'), 'utf8'),
    );
    const plain = await wizen(input, { inheritStdio: false });
    const optimized = await wizen(input, { inheritStdio: false, optimize: '-O' });
    expect(optimized.wasm.subarray(0, 8)).toEqual(input.subarray(0, 8));
    expect(optimized.report.optimize?.bytesAfter).toBeLessThan(
      optimized.report.optimize!.bytesBefore,
    );
    const probes: Probe[] = [
      { path: ['owner-sum'] },
      { path: ['user-read'], args: [0] },
      { path: ['user-read'], args: [140000] },
      { path: ['user-state'] },
      { path: ['copy'], args: [300] },
      { path: ['user-read'], args: [300] },
      { path: ['my:pkg/api@1.2.0', 'sum'] },
      { path: ['copy'], args: [262140] },
    ];
    const answers = async (wasm: Uint8Array) => {
      const running = await instantiateComponent(wasm, undefined);
      try {
        return probes.map((probe) => callComponent(running, probe));
      } finally {
        running.close();
      }
    };
    const expected = await answers(plain.wasm);
    expect(expected[0]).toEqual({ ok: true, value: 7n + 99n });
    expect(await answers(optimized.wasm)).toEqual(expected);
  });
});

describe('--optimize on a C component with the preview1 adapter', () => {
  it('optimizes the program, adapter, shim and fixup modules; WASI works in the output as without', async () => {
    const core = await compileWasi({
      sources: [join(repoRoot, 'fixtures', 'components', 'equivalence', 'wasi-after-init.c')],
      flags: ['-O1', '-mexec-model=reactor'],
    });
    const witSource = `package local:wasi-after-init;
world probe {
  export wizer-initialize: func();
  export get-config: func() -> string;
  export get-mode: func() -> string;
  export say: func() -> s32;
  export read-other: func() -> string;
}`;
    const embedded = await componentEmbed({ binary: core, witSource, world: 'probe' });
    const input = await componentNew(embedded, [
      ['wasi_snapshot_preview1', readFileSync(preview1AdapterReactorPath())],
    ]);
    const data = join(dir.path, 'component-data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'config.txt'), 'alpha\n');
    writeFileSync(join(data, 'other.txt'), 'other contents');
    const options = {
      allowWasi: true,
      inheritStdio: false,
      preopens: [{ guest: '/data', host: data }],
      env: [['MODE', 'production']] as Array<[string, string]>,
    };
    const plain = await wizen(input, options);
    const optimized = await wizen(input, { ...options, optimize: '-O' });
    expect(optimized.report.optimize!.bytesAfter).toBeLessThan(
      optimized.report.optimize!.bytesBefore,
    );
    const probes: Probe[] = [
      { path: ['get-config'] },
      { path: ['get-mode'] },
      { path: ['read-other'] },
      { path: ['say'] },
    ];
    const answers = async (wasm: Uint8Array) => {
      const running = await instantiateComponent(wasm, hostOptions(options));
      try {
        return probes.map((probe) => callComponent(running, probe));
      } finally {
        running.close();
      }
    };
    const expected = await answers(plain.wasm);
    expect(expected.slice(0, 3)).toEqual([
      { ok: true, value: 'alpha\n' },
      { ok: true, value: 'production' },
      { ok: true, value: 'other contents' },
    ]);
    expect(await answers(optimized.wasm)).toEqual(expected);
  }, 180_000);
});
