/**
 * The functional-equivalence proof for component wizening (issue 10): for each fixture the output
 * of `wizen()`, never initialized, answers every probe as the input does after init, and every
 * core instance's globals and memories are bit for bit those of the initialized input (see
 * equivalence.ts). Also every refusal through `wizen()`, with its message.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { wizen, type WizenOptions } from '../../src/wizer/index.js';
import { compileWasi } from '../helpers/wasi-cc.js';
import { repoRoot, tempDir, wat } from '../helpers/tools.js';
import { assemble, MULTI, REFUSALS } from './fixtures.js';
import {
  call,
  expectEquivalent,
  hostOptions,
  instantiateComponent,
  instrumentForState,
  readState,
  resetPreview1Adapter,
  type Probe,
} from './equivalence.js';

const DIR = join(repoRoot, 'fixtures', 'components', 'equivalence');

const watFixture = (name: string): Promise<Uint8Array> =>
  assemble(readFileSync(join(DIR, `${name}.wat`), 'utf8'));

/** Options every test starts from: no stdio noise. */
const base: Partial<WizenOptions> = { inheritStdio: false };

const p = (...path: string[]): Probe => ({ path });
const withArgs = (args: unknown[], ...path: string[]): Probe => ({ path, args });

const SINGLE_PROBES: Probe[] = [
  p('get-i32'),
  p('get-i64'),
  p('f32-bits'),
  p('f64-bits'),
  p('get-f64'),
  p('pages'),
  withArgs([8], 'load'),
  withArgs([70000], 'load'),
  withArgs([131064], 'load'),
  p('bump'),
  p('bump'),
  withArgs([0], 'load'),
  // Out of bounds: the same trap on both.
  withArgs([131070], 'load'),
];

describe('the state reader (instrumentForState)', () => {
  it('reads every numeric global bit for bit, NaN payloads included', async () => {
    const component = await watFixture('single');
    const running = await instantiateComponent(component, undefined);
    try {
      expect(call(running, p('wizer-initialize'))).toEqual({ ok: true, value: undefined });
      const [state] = readState(running);
      expect(state?.globals).toEqual([
        { index: 0, type: 'i32', bits: '0xdeadbeef' },
        { index: 1, type: 'i64', bits: '0x8000000000000001' },
        { index: 2, type: 'f32', bits: '0x7fa00001' },
        { index: 3, type: 'f64', bits: '0xfff0000000000123' },
        { index: 4, type: 'i32', bits: '0xa' },
        { index: 5, type: 'f64', bits: '0x8000000000000000' },
      ]);
      expect(state?.memories.map((m) => m.pages)).toEqual([2]);
    } finally {
      running.close();
    }
  });

  it('catches an output that was not initialized', async () => {
    const input = await watFixture('single');
    const identity = (bytes: Uint8Array) => Promise.resolve({ wasm: bytes });
    await expect(
      expectEquivalent(input, { ...base, keepInitFunc: true }, SINGLE_PROBES, { wizen: identity }),
    ).rejects.toThrow(/globals of component.core.wasm/);
  });

  it('catches an output initialized by another function', async () => {
    const input = await watFixture('interface');
    await expect(
      expectEquivalent(input, { ...base, initFunc: 'setup' }, [p('ns:pkg/iface', 'read')], {
        init: ['ns:pkg/iface', 'setup'],
        wizen: (bytes, options) => wizen(bytes, { ...options, initFunc: 'prepare' }),
      }),
    ).rejects.toThrow(/output before any call vs original after init/);
  });

  it('adds its sections to a module that has none', () => {
    const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const probe = instrumentForState(empty);
    expect(WebAssembly.validate(probe.wasm as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(probe.globals).toEqual([]);
  });
});

describe('wizened components behave like their input after init', () => {
  it('one module: globals of every numeric type, a grown memory, state changed after init', async () => {
    const input = await watFixture('single');
    const { wasm, outcomes } = await expectEquivalent(input, base, SINGLE_PROBES);
    expect(outcomes.slice(0, 6)).toEqual([
      { ok: true, value: 0xdeadbeef },
      { ok: true, value: -0x7fffffffffffffffn },
      { ok: true, value: 0x7fa00001 },
      { ok: true, value: 0xfff0000000000123n },
      { ok: true, value: -0 },
      { ok: true, value: 2 },
    ]);
    expect(outcomes[9]).toEqual({ ok: true, value: 11 });
    expect(outcomes[12]?.ok).toBe(false);
    expect(wasm.length).toBeGreaterThan(0);
  });

  it('several modules sharing a memory and globals, a passive segment, an unused module', async () => {
    const input = await watFixture('multi');
    const probes: Probe[] = [
      p('owner-sum'),
      withArgs([0], 'user-read'),
      withArgs([140000], 'user-read'),
      p('user-state'),
      withArgs([300], 'copy'),
      withArgs([300], 'user-read'),
      withArgs([200], 'user-read'),
      withArgs([0], 'my:pkg/api@1.2.0', 'read'),
      p('my:pkg/api@1.2.0', 'sum'),
      withArgs([196600], 'my:pkg/api@1.2.0', 'copy'),
      withArgs([262140], 'copy'),
    ];
    const { outcomes, state, wasm } = await expectEquivalent(input, base, probes);
    expect(outcomes.slice(0, 4)).toEqual([
      { ok: true, value: 7n + 99n },
      { ok: true, value: 99 },
      { ok: true, value: 0x12345678 },
      { ok: true, value: -0.25 + 5 + 1 },
    ]);
    // memory.init of the passive segment after init copies its bytes ("pass").
    expect(outcomes[4]).toEqual({ ok: true, value: 0x73736170 });
    expect(outcomes[10]?.ok).toBe(false);
    // Three instances ($unused has none); the owner's memory has 3 pages now.
    expect(state).toHaveLength(3);
    expect(state[0]?.memories.map((m) => m.pages)).toEqual([3]);
    // The module never instantiated is copied byte for byte.
    const unused = new TextEncoder().encode('never instantiated');
    expect(Buffer.from(wasm).indexOf(unused)).toBeGreaterThan(0);
  });

  it('core start functions run once (not again in the output), a table used after init', async () => {
    const input = await watFixture('start');
    const { outcomes } = await expectEquivalent(input, base, [p('count'), withArgs([7], 'apply')]);
    expect(outcomes).toEqual([
      { ok: true, value: 20 },
      { ok: true, value: 1049 },
    ]);
  });

  it("the binary layer's multi fixture: a re-export of the init export survives its removal", async () => {
    const input = await assemble(MULTI);
    const probes = [p('get-a'), p('get-b'), p('again'), p('get-a'), p('get-b')];
    const { outcomes, wasm } = await expectEquivalent(input, base, probes);
    expect(outcomes).toEqual([
      { ok: true, value: 99 },
      { ok: true, value: 7 },
      { ok: true, value: undefined },
      { ok: true, value: 99 },
      { ok: true, value: 8 },
    ]);
    const running = await instantiateComponent(wasm, undefined);
    try {
      expect(running.glue.exports.map((e) => e.name)).not.toContain('wizerInitialize');
      expect(running.glue.exports.map((e) => e.name)).toContain('again');
    } finally {
      running.close();
    }
  });

  it('init inside an exported interface, named by its bare name', async () => {
    const input = await watFixture('interface');
    const { outcomes } = await expectEquivalent(
      input,
      { ...base, initFunc: 'setup' },
      [p('ns:pkg/iface', 'read'), p('ns:pkg/readers@0.1.0', 'read')],
      { init: ['ns:pkg/iface', 'setup'] },
    );
    expect(outcomes).toEqual([
      { ok: true, value: 21 + 0xabcdef },
      { ok: true, value: 21 + 0xabcdef },
    ]);
  });

  it('init inside an exported interface, named by its qualified name', async () => {
    const input = await watFixture('interface');
    await expectEquivalent(
      input,
      { ...base, initFunc: 'ns:pkg/iface.setup' },
      [p('ns:pkg/iface', 'read')],
      { init: ['ns:pkg/iface', 'setup'] },
    );
  });

  it('init inside a versioned interface, qualified with its version', async () => {
    const input = await watFixture('interface');
    const { outcomes } = await expectEquivalent(
      input,
      { ...base, initFunc: 'ns:pkg/versioned.prepare@1.0.0' },
      [p('ns:pkg/iface', 'read')],
      { init: ['ns:pkg/versioned@1.0.0', 'prepare'] },
    );
    expect(outcomes).toEqual([{ ok: true, value: 1000 }]);
  });

  it('an init function with results is refused', async () => {
    await expect(
      wizen(await watFixture('multi'), { ...base, initFunc: 'my:pkg/api.sum@1.2.0' }),
    ).rejects.toThrow('does not have type `[] -> []`');
  });

  it('--keep-init-func: the init export stays and runs again on the output', async () => {
    const input = await watFixture('single');
    const { wasm } = await expectEquivalent(input, { ...base, keepInitFunc: true }, SINGLE_PROBES);
    const running = await instantiateComponent(wasm, undefined);
    try {
      expect(call(running, p('bump'))).toEqual({ ok: true, value: 11 });
      expect(call(running, p('wizer-initialize'))).toEqual({ ok: true, value: undefined });
      // Init ran again over the snapshot: the counter is reset, the memory grew again.
      expect(call(running, p('bump'))).toEqual({ ok: true, value: 11 });
      expect(call(running, p('pages'))).toEqual({ ok: true, value: 3 });
    } finally {
      running.close();
    }
  });

  it('without --keep-init-func the init export is gone, and only that export', async () => {
    const input = await watFixture('multi');
    const { wasm } = await expectEquivalent(input, { ...base, keepInitFunc: false }, [
      p('my:pkg/api@1.2.0', 'sum'),
    ]);
    const running = await instantiateComponent(wasm, undefined);
    try {
      const names = running.glue.exports.map((e) => e.name).sort();
      expect(names).toEqual([
        'api',
        'copy',
        'my:pkg/api@1.2.0',
        'ownerSum',
        'userRead',
        'userState',
      ]);
    } finally {
      running.close();
    }
  });

  it('keeps an interface init function in its instance either way', async () => {
    const input = await watFixture('interface');
    for (const keepInitFunc of [false, true]) {
      const { wasm } = await expectEquivalent(
        input,
        { ...base, initFunc: 'setup', keepInitFunc },
        [p('ns:pkg/iface', 'read')],
        { init: ['ns:pkg/iface', 'setup'] },
      );
      const running = await instantiateComponent(wasm, undefined);
      try {
        expect(call(running, p('ns:pkg/iface', 'setup')).ok).toBe(true);
        // The setup ran over the snapshot: 21 twice.
        expect(call(running, p('ns:pkg/iface', 'read'))).toEqual({
          ok: true,
          value: 42 + 0xabcdef,
        });
      } finally {
        running.close();
      }
    }
  });
});

describe('a component made by wit-component', () => {
  it('strings through cabi_realloc, a heap built by init', async () => {
    const core = await wat(readFileSync(join(DIR, 'strings.core.wat'), 'utf8'));
    const witSource = readFileSync(join(DIR, 'strings.wit'), 'utf8');
    const embedded = await componentEmbed({ binary: core, witSource, world: 'strings' });
    const input = await componentNew(embedded);
    const { outcomes } = await expectEquivalent(input, base, [
      p('heap'),
      withArgs(['world'], 'greet'),
      withArgs(['wizer ✓'], 'greet'),
      p('heap'),
    ]);
    expect(outcomes).toEqual([
      { ok: true, value: 1032 },
      { ok: true, value: 'Hello, world' },
      { ok: true, value: 'Hello, wizer ✓' },
      // "world": 8 (argument) + 16 (result) + 8 (return area); "wizer ✓" (9 bytes): 16 + 16 + 8.
      { ok: true, value: 1032 + 32 + 40 },
    ]);
  });
});

describe('output size', () => {
  for (const [name, initFunc] of [
    ['single', undefined],
    ['multi', undefined],
    ['interface', 'setup'],
  ] as const) {
    it(`${name}: no larger than the input plus the snapshot's data justify`, async () => {
      const input = await watFixture(name);
      const options = { ...base, ...(initFunc === undefined ? {} : { initFunc }) };
      const { state } = await expectEquivalent(input, options, []);
      const { wasm, report } = await wizen(input, options);
      // Every non-zero byte of every memory at most once, plus per segment its header (flags,
      // memory index, offset expression, length: at most 16 bytes) and per global a new
      // initializer (opcode, up to 10 bytes of LEB128 or 8 of a float, end).
      const nonZero = state
        .flatMap((s) => s.memories)
        .reduce((n, m) => n + m.bytes.reduce((k, b) => k + (b === 0 ? 0 : 1), 0), 0);
      const bound = input.length + nonZero + 16 * report.segments + 12 * report.globals;
      expect(wasm.length).toBeLessThanOrEqual(bound);
      expect(report.inputBytes).toBe(input.length);
      expect(report.outputBytes).toBe(wasm.length);
    });
  }
});

const REACTOR_WIT = `package local:equivalence;
world reactor {
  export wizer-initialize: func();
  export init-env-only: func();
  export get-config: func() -> string;
  export get-mode: func() -> string;
  export lines: func() -> s32;
  export remember: func() -> string;
}`;

/** The C reactor as a component (the core build is cached by compileWasi). */
async function reactorComponent(): Promise<Uint8Array> {
  const core = await compileWasi({
    sources: [join(DIR, 'reactor.c')],
    flags: ['-O1', '-mexec-model=reactor'],
  });
  const embedded = await componentEmbed({ binary: core, witSource: REACTOR_WIT, world: 'reactor' });
  const adapter = readFileSync(preview1AdapterReactorPath());
  return componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
}

describe('a C reactor made a component with the preview1 adapter', () => {
  let component: Uint8Array;
  beforeAll(async () => {
    component = await reactorComponent();
  }, 180_000);

  it('initializes and answers on the original (the fixture and the harness, without wizen)', async () => {
    const dir = tempDir('component-equivalence-');
    onTestFinished(() => dir.cleanup());
    const data = join(dir.path, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'config.txt'), 'one\ntwo\n');
    const running = await instantiateComponent(component, {
      ...hostOptions(base),
      preopens: [{ guest: '/data', host: data }],
      env: [['MODE', 'test']],
    });
    try {
      expect(call(running, p('wizer-initialize'))).toEqual({ ok: true, value: undefined });
      expect([p('get-config'), p('get-mode'), p('lines')].map((x) => call(running, x))).toEqual([
        { ok: true, value: 'one\ntwo\n' },
        { ok: true, value: 'test' },
        { ok: true, value: 2 },
      ]);
      // Every core instance is captured, the adapter's and the shim's included.
      const state = readState(running);
      expect(state.length).toBeGreaterThan(1);
      expect(state.some((s) => s.memories.length > 0)).toBe(true);
    } finally {
      running.close();
    }
  });

  it('init reads an environment variable only (no descriptor): the output answers without it', async () => {
    const options: Partial<WizenOptions> = {
      ...base,
      allowWasi: true,
      initFunc: 'init-env-only',
      env: [['MODE', 'staging']],
    };
    const probes = [p('get-mode'), p('get-config'), p('remember'), p('remember')];
    const { outcomes } = await expectEquivalent(component, options, probes, {
      outputHost: { env: [] },
    });
    expect(outcomes).toEqual([
      { ok: true, value: 'staging' },
      { ok: true, value: '(no init)' },
      { ok: true, value: 'call 1 after staging' },
      { ok: true, value: 'call 2 after staging' },
    ]);
  }, 120_000);

  it('init reads a preopened file and an environment variable; the output answers without them', async () => {
    const dir = tempDir('component-equivalence-');
    onTestFinished(() => dir.cleanup());
    const data = join(dir.path, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'config.txt'), 'alpha\nbeta\ngamma\n');
    const options: Partial<WizenOptions> = {
      ...base,
      allowWasi: true,
      preopens: [{ guest: '/data', host: data }],
      env: [['MODE', 'production']],
    };
    const probes = [p('get-config'), p('get-mode'), p('lines'), p('remember'), p('remember')];
    const { outcomes } = await expectEquivalent(component, options, probes, {
      // The adapter took stdio and the preopen during init: reset as the pipeline does.
      afterInit: resetPreview1Adapter,
      // The output must not need the file or the variable any more.
      outputHost: { preopens: [], env: [] },
    });
    expect(outcomes).toEqual([
      { ok: true, value: 'alpha\nbeta\ngamma\n' },
      { ok: true, value: 'production' },
      { ok: true, value: 3 },
      { ok: true, value: 'call 1 after production' },
      { ok: true, value: 'call 2 after production' },
    ]);
  }, 120_000);
});

describe('refusals through wizen()', () => {
  const single = () => watFixture('single');

  it('-r renames', async () => {
    await expect(wizen(await single(), { renames: [['a', 'b']] })).rejects.toThrow(
      'components do not support renaming functions',
    );
  });

  it('--preload', async () => {
    await expect(
      wizen(await single(), { preloads: [{ name: 'x', path: 'x.wasm' }] }),
    ).rejects.toThrow('--preload cannot be used with components');
  });

  it('v128 globals', async () => {
    const input = await assemble(`(component
      (core module $m
        (global $v (mut v128) (v128.const i64x2 0 0))
        (func (export "wizer-initialize") (global.set $v (v128.const i64x2 1 2))))
      (core instance $i (instantiate $m))
      (func $init (canon lift (core func $i "wizer-initialize")))
      (export "wizer-initialize" (func $init)))`);
    await expect(wizen(input, base)).rejects.toThrow(
      'component wizening does not support v128 globals',
    );
  });

  it('an immutable v128 global is not refused (only mutable state is snapshotted)', async () => {
    const input = await assemble(`(component
      (core module $m
        (global $v v128 (v128.const i64x2 0x0123456789abcdef -1))
        (global $g (mut i32) (i32.const 0))
        (func (export "wizer-initialize") (global.set $g (i32.const 1)))
        (func (export "lane") (result i64) (i64x2.extract_lane 0 (global.get $v))))
      (core instance $i (instantiate $m))
      (func $init (canon lift (core func $i "wizer-initialize")))
      (func $lane (result u64) (canon lift (core func $i "lane")))
      (export "wizer-initialize" (func $init))
      (export "lane" (func $lane)))`);
    const { state, outcomes } = await expectEquivalent(input, base, [p('lane')]);
    expect(outcomes).toEqual([{ ok: true, value: 0x0123456789abcdefn }]);
    expect(state[0]?.globals[0]).toEqual({
      index: 0,
      type: 'v128',
      bits: '0x123456789abcdef:0xffffffffffffffff',
    });
  });

  it('data.drop in a core module (the core refusals apply to every module)', async () => {
    const input = await assemble(`(component
      (core module $m
        (memory 1)
        (data $d "x")
        (func (export "wizer-initialize"))
        (func (export "drop") (data.drop $d)))
      (core instance $i (instantiate $m))
      (func $init (canon lift (core func $i "wizer-initialize")))
      (export "wizer-initialize" (func $init)))`);
    await expect(wizen(input, base)).rejects.toThrow('unsupported `data.drop` instruction');
  });

  it('an async-lifted init function (running it would need JSPI)', async () => {
    const input = await assemble(`(component
      (core module $M
        (memory (export "memory") 1)
        (global $g (mut i32) (i32.const 0))
        (func (export "f") (result i32) (global.set $g (i32.const 1)) (i32.const 0))
        (func (export "cb") (param i32 i32 i32) (result i32) (i32.const 0)))
      (core instance $m (instantiate $M))
      (type $ft (func async))
      (func $f (type $ft) (canon lift (core func $m "f") async (callback (core func $m "cb"))))
      (export "wizer-initialize" (func $f)))`);
    await expect(wizen(input, base)).rejects.toThrow(
      'async-lifted initialization functions are not supported',
    );
  });

  for (const refusal of REFUSALS) {
    it(refusal.name, async () => {
      await expect(wizen(await assemble(refusal.wat), base)).rejects.toThrow(refusal.message);
    });
  }
});
