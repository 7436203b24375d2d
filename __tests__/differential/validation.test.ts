/** Differential cases for what is refused before running (spec §11 items 14, 15, 17, 28, 29, 42, 44, 46; §4). */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { expectSameFailure, runBoth, selfTest } from './harness.js';
import { binaryModule, diffWat, nameBytes } from './fixture.js';

/** A module whose never-called function `$unused` contains `body`. */
function withUnusedCode(body: string, extra = ''): string {
  return `
    (module
      (memory 1)
      (table $t 2 funcref)
      (table $u 2 funcref)
      (elem $e func $unused)
      (data $d "xyz")
      ${extra}
      (func $unused ${body})
      (func (export "wizer-initialize")))`;
}

/**
 * An init function and a never-called function of type [] -> [i32] with body `body` (three bytes:
 * no locals, one instruction, `end`). `i32.add` there is invalid: nothing on the stack.
 */
function twoFunctions(instruction: number): Uint8Array {
  const name = [...new TextEncoder().encode('wizer-initialize')];
  return Uint8Array.of(
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f], // [] -> [], [] -> [i32]
    ...[0x03, 0x03, 0x02, 0x00, 0x01],
    ...[0x07, 0x14, 0x01, 0x10, ...name, 0x00, 0x00],
    ...[0x0a, 0x08, 0x02, 0x02, 0x00, 0x0b, 0x03, 0x00, instruction, 0x0b],
  );
}
const I32_ADD = 0x6a;
const UNREACHABLE = 0x00;

const forbidden: Array<[op: string, body: string]> = [
  ['table.set', '(table.set $t (i32.const 0) (ref.null func))'],
  ['table.grow', '(drop (table.grow $t (ref.null func) (i32.const 1)))'],
  ['table.fill', '(table.fill $t (i32.const 0) (ref.null func) (i32.const 1))'],
  ['table.copy', '(table.copy $t $u (i32.const 0) (i32.const 0) (i32.const 1))'],
  ['table.init', '(table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))'],
  ['elem.drop', '(elem.drop $e)'],
];

/**
 * A module with one function (type `func`, body `locals` then `body`) exported as the init
 * function, plus optional globals and tables: the reference-type cases below in raw bytes.
 */
function refTypeModule(spec: {
  types?: number[];
  func?: number;
  locals?: number[];
  body?: number[];
  globals?: number[];
  tables?: number[];
}): Uint8Array {
  const body = [...(spec.locals ?? [0]), ...(spec.body ?? []), 0x0b];
  return binaryModule([
    [1, spec.types ?? [1, 0x60, 0, 0]],
    [3, [1, spec.func ?? 0]],
    ...(spec.tables ? [[4, spec.tables] as [number, number[]]] : []),
    ...(spec.globals ? [[6, spec.globals] as [number, number[]]] : []),
    [7, [1, ...nameBytes('wizer-initialize'), 0, 0]],
    [10, [1, body.length, ...body]],
  ]);
}

const ANYREF = 0x6e;
const EXNREF = 0x69;
const FUNCREF = 0x70;
const NONE = 0x71;

/** Reference types and instructions upstream's engine (no GC, function references, exceptions) refuses. */
const refusedRefTypes: Array<[string, Parameters<typeof refTypeModule>[0]]> = [
  [
    'a parameter of type (ref null none)',
    { types: [2, 0x60, 1, 0x63, NONE, 0, 0x60, 0, 0], func: 1 },
  ],
  [
    'a parameter of type (ref func)',
    { types: [2, 0x60, 1, 0x64, FUNCREF, 0, 0x60, 0, 0], func: 1 },
  ],
  ['a parameter of type (ref null 0)', { types: [2, 0x60, 1, 0x63, 0, 0, 0x60, 0, 0], func: 1 }],
  ['a result of type exnref', { types: [2, 0x60, 0, 1, EXNREF, 0x60, 0, 0], func: 1 }],
  ['a global of type anyref', { globals: [1, ANYREF, 0, 0xd0, ANYREF, 0x0b] }],
  ['a table of anyref', { tables: [1, ANYREF, 0, 1] }],
  ['a local of type anyref', { locals: [1, 1, ANYREF] }],
  ['a local of type (ref null 0)', { locals: [1, 1, 0x63, 0] }],
  ['a local of type (ref func)', { locals: [1, 1, 0x64, FUNCREF] }],
  ['a block of type anyref', { body: [0x02, ANYREF, 0xd0, ANYREF, 0x0b, 0x1a] }],
  ['ref.null none', { body: [0xd0, NONE, 0x1a] }],
  ['ref.null exn', { body: [0xd0, EXNREF, 0x1a] }],
  [
    'a typed select of anyref',
    { body: [0xd0, ANYREF, 0xd0, ANYREF, 0x41, 0, 0x1c, 1, ANYREF, 0x1a] },
  ],
  ['call_ref', { body: [0xd2, 0, 0x14, 0] }],
  ['br_on_null', { body: [0x02, 0x40, 0xd0, FUNCREF, 0xd5, 0, 0x1a, 0x0b] }],
  ['ref.i31 (a GC instruction)', { body: [0x41, 0, 0xfb, 0x1c, 0x1a] }],
];

describe.concurrent('differential: refused inputs', () => {
  // Our CLI compiles with V8's lazy validation (bodies validated when first called), having
  // validated the input in full first; a preload must be validated before it is compiled.
  // Run directly, the CLI starts with lazy validation on (its `#!` line); `node cli.js` sets it.
  it.each([
    ['node cli.js', false],
    ['run directly', true],
  ])(
    '§3.1 an invalid body in a never-called function fails validation (%s)',
    async (_, runDirectly) => {
      expect(WebAssembly.validate(twoFunctions(UNREACHABLE) as Uint8Array<ArrayBuffer>)).toBe(true);
      const result = await runBoth({ wasm: twoFunctions(I32_ADD), runDirectly });
      // The cause is each validator's own wording (V8's, wasmparser's).
      expect(expectSameFailure(result, { causes: 'none' }).head).toBe(
        'Error: wasm validation failed',
      );
      expect(result.ours.stderr).toContain('Compiling function #1 failed');
    },
  );

  it('§3.1 an invalid body in a preload fails before anything runs', async () => {
    const result = await runBoth({
      wasm: twoFunctions(UNREACHABLE),
      args: ['--preload', 'p=pre.wasm'],
      files: { 'pre.wasm': twoFunctions(I32_ADD) },
    });
    const { head } = expectSameFailure(result, { causes: 'none' });
    expect(head).toBe('Error: failed to parse preload module');
    expect(result.ours.stderr).toContain('Compiling function #1 failed');
  });

  it('§11.14 data.drop in a never-called function is refused', async () => {
    const { head } = expectSameFailure(await diffWat(withUnusedCode('(data.drop $d)')));
    expect(head).toBe('Error: unsupported `data.drop` instruction');
  });

  for (const [op, body] of forbidden) {
    it(`§11.15 ${op} anywhere in the code is refused`, async () => {
      const { head } = expectSameFailure(await diffWat(withUnusedCode(body)));
      expect(head).toBe(`Error: unsupported \`${op}\` instruction`);
    });
  }

  it('§11.15 table.get, table.size, ref.func, ref.is_null and typed select are accepted', async () => {
    const result = await diffWat(`
      (module
        (table $t 2 funcref)
        (elem declare func $f)
        (global $g (mut i32) (i32.const 0))
        (func $f)
        (func (export "wizer-initialize")
          (global.set $g (i32.add (table.size $t) (ref.is_null (table.get $t (i32.const 0)))))
          (drop (select (result funcref) (ref.func $f) (ref.null func) (i32.const 1)))))`);
    await expectSameSuccess(result);
  });

  // wabt cannot assemble GC instructions, so these are built from raw sections.
  const gcModule = (gcType: number[], param: number[], body: number[]) =>
    binaryModule([
      [1, [3, ...gcType, 0x60, 1, ...param, 0, 0x60, 0, 0]],
      [3, [2, 1, 2]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 1]],
      [10, [2, body.length + 2, 0, ...body, 0x0b, 2, 0, 0x0b]],
    ]);
  const mutI32Struct = [0x5f, 1, 0x7f, 1];
  const mutI32Array = [0x5e, 0x7f, 1];

  it('§3.1 struct.set is refused before compilation', async () => {
    const wasm = gcModule(mutI32Struct, [0x64, 0], [0x20, 0, 0x41, 1, 0xfb, 0x05, 0, 0]);
    expect(expectSameFailure(await runBoth({ wasm })).head).toBe(
      'Error: unsupported `struct.set` instruction',
    );
  });

  it('§3.1 array.set is refused before compilation', async () => {
    const wasm = gcModule(mutI32Array, [0x64, 0], [0x20, 0, 0x41, 0, 0x41, 1, 0xfb, 0x0e, 0]);
    expect(expectSameFailure(await runBoth({ wasm })).head).toBe(
      'Error: unsupported `array.set` instruction',
    );
  });

  it('§3.1 array.fill is refused before compilation', async () => {
    const wasm = gcModule(
      mutI32Array,
      [0x64, 0],
      [0x20, 0, 0x41, 0, 0x41, 1, 0x41, 1, 0xfb, 0x10, 0],
    );
    expect(expectSameFailure(await runBoth({ wasm })).head).toBe(
      'Error: unsupported `array.fill` instruction',
    );
  });

  it('§4 GC struct types are refused by the engine configuration', async () => {
    const wasm = gcModule(mutI32Struct, [0x7f], []);
    const { head } = expectSameFailure(await runBoth({ wasm }), { causes: 'root' });
    expect(head).toBe('Error: failed to compile the Wasm module');
  });

  it('§11.17a imported global is refused', async () => {
    const result = await diffWat(
      `(module (global (import "env" "g") i32) (func (export "wizer-initialize")))`,
    );
    expect(expectSameFailure(result).head).toBe('Error: imported globals are not supported');
  });

  it('§11.17b imported table is refused', async () => {
    const result = await diffWat(
      `(module (table (import "env" "t") 1 funcref) (func (export "wizer-initialize")))`,
    );
    expect(expectSameFailure(result).head).toBe('Error: imported tables are not supported');
  });

  it('§11.17c imported memory is refused', async () => {
    const result = await diffWat(
      `(module (memory (import "env" "m") 1) (func (export "wizer-initialize")))`,
    );
    expect(expectSameFailure(result).head).toBe('Error: imported memories are not supported');
  });

  it('§3.1 imports are checked in order (table import before global import)', async () => {
    const result = await diffWat(`
      (module
        (table (import "env" "t") 1 funcref)
        (global (import "env" "g") i32)
        (func (export "wizer-initialize")))`);
    expectSameFailure(result);
  });

  it('§11.28a export named __wizer_x is refused', async () => {
    const result = await diffWat(
      `(module (func (export "wizer-initialize")) (func (export "__wizer_x")))`,
    );
    expectSameFailure(result);
  });

  it('§11.28b import module starting with __wizer_ is refused', async () => {
    const result = await diffWat(
      `(module (func (import "__wizer_m" "f")) (func (export "wizer-initialize")))`,
    );
    expectSameFailure(result);
  });

  it('§11.28c import field starting with __wizer_ is refused', async () => {
    const result = await diffWat(
      `(module (func (import "env" "__wizer_f")) (func (export "wizer-initialize")))`,
    );
    expectSameFailure(result);
  });

  it('§11.29 a component: upstream 11 refuses it, ours takes the component path', async () => {
    const component = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
    const { upstream, ours } = await runBoth({ wasm: component });
    expect(upstream.code).toBe(1);
    expect(upstream.stderr).toContain('Error: expected a core module, found a component');
    // As `wasmtime wizer` does: an empty component has no init function to call.
    expect(ours.code).toBe(1);
    expect(ours.stderr).toContain('No exported func named `wizer-initialize` in component.');
  });

  it('§11.42a shared memory is refused', async () => {
    const result = await diffWat(`(module (memory 1 1 shared) (func (export "wizer-initialize")))`);
    expect(expectSameFailure(result).head).toContain('Config::shared_memory');
  });

  it('§11.42b atomics on non-shared memory and return_call are accepted', async () => {
    const result = await diffWat(`
      (module
        (memory (export "memory") 1)
        (func $tail (result i32) (i32.atomic.rmw.add (i32.const 8) (i32.const 5)))
        (func $go (result i32) (return_call $tail))
        (func (export "wizer-initialize")
          (i32.atomic.store (i32.const 0) (i32.const 9))
          (drop (call $go))
          (drop (call $go))))`);
    await expectSameSuccess(result);
  });

  it('§11.44a a defined exception tag is refused by the engine configuration', async () => {
    const result = await diffWat(
      `(module (tag $t (param i32)) (func (export "wizer-initialize")))`,
    );
    expectSameFailure(result, { causes: 'root' });
  });

  it('§11.44b an imported tag: upstream panics (101), ours fails with exit 1', async () => {
    const result = await diffWat(
      `(module (tag (import "env" "t")) (func (export "wizer-initialize")))`,
    );
    expect(result.upstream.code).toBe(101);
    if (selfTest) return;
    expect(result.ours.code, result.ours.stderr).toBe(1);
    expect(result.ours.stderr).toMatch(/^Error: .*(tag|exception)/im);
    expect(result.ours.outFile).toBeUndefined();
  });

  it('§11.46 WAT text input fails validation (magic header)', async () => {
    const text = new TextEncoder().encode('(module (func (export "wizer-initialize")))');
    const result = await runBoth({ wasm: text });
    const { head, causes } = expectSameFailure(result);
    expect(head).toBe('Error: wasm validation failed');
    expect(causes[0]).toMatch(/^magic header not detected/);
    // Rust's pretty hex arrays, indented under the cause, byte for byte.
    expect(result.ours.stderr).toBe(result.upstream.stderr);
  });

  it('§4 an unknown binary version fails validation, worded as upstream', async () => {
    const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]);
    const result = await runBoth({ wasm });
    expectSameFailure(result);
    expect(result.ours.stderr).toBe(result.upstream.stderr);
  });

  it('§4 empty input fails validation (unexpected end-of-file)', async () => {
    expectSameFailure(await runBoth({ wasm: new Uint8Array() }));
  });

  it('§4 a truncated module fails validation', async () => {
    const bytes = binaryModule([[1, [1, 0x60, 0, 0]]]).subarray(0, 12);
    expectSameFailure(await runBoth({ wasm: bytes }), { causes: 'firstLines' });
  });

  it('§4 an invalid (type-incorrect) module fails validation', async () => {
    const result = await diffWat(`(module (func (export "wizer-initialize") (i32.const 1)))`);
    expectSameFailure(result, { causes: 'none' });
  });

  it('§4 custom page sizes are refused by the engine configuration', async () => {
    const wasm = binaryModule([
      [1, [1, 0x60, 0, 0]],
      [3, [1, 0]],
      [5, [1, 0x08, 1, 0]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 0]],
      [10, [1, 2, 0, 0x0b]],
    ]);
    expectSameFailure(await runBoth({ wasm }), { causes: 'root' });
  });

  // Found by the seeded mutations: V8 compiles the instrumented copy, whose added getter
  // functions and types would make these references valid; the input itself must be validated.
  it("§3.1 an element naming a function past the module's own fails validation", async () => {
    const result = await diffWat(`
      (module
        (global $g (mut i32) (i32.const 0))
        (table 2 funcref)
        (elem (i32.const 0) func 1)
        (func (export "wizer-initialize") (global.set $g (i32.const 1))))`);
    expect(expectSameFailure(result, { causes: 'none' }).head).toBe(
      'Error: wasm validation failed',
    );
    expect(result.ours.outFile).toBeUndefined();
  });

  it("§3.1 a call to a function past the module's own fails validation", async () => {
    const result = await diffWat(`
      (module
        (global $g (mut i32) (i32.const 0))
        (func (export "wizer-initialize") (drop (call 1))))`);
    expectSameFailure(result, { causes: 'none' });
  });

  it('§3.1 a start index that runs past its section fails validation', async () => {
    const wasm = binaryModule([
      [1, [1, 0x60, 0, 0]],
      [3, [1, 0]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 0]],
      [8, [0x80]],
      [10, [1, 2, 0, 0x0b]],
    ]);
    expectSameFailure(await runBoth({ wasm }));
  });

  it('§4 a shared global is refused by the engine configuration', async () => {
    const wasm = binaryModule([
      [1, [1, 0x60, 0, 0]],
      [3, [1, 0]],
      [6, [1, 0x7f, 0x03, 0x41, 0, 0x0b]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 0]],
      [10, [1, 2, 0, 0x0b]],
    ]);
    expectSameFailure(await runBoth({ wasm }));
  });

  it("§3.4 backtrace offsets are upstream's, counted in the module it runs", async () => {
    // No name section (upstream would print demangled names); a memory and a mutable global, so
    // both tools' instrumentation moves the code, by different amounts.
    const wasm = binaryModule([
      [1, [1, 0x60, 0, 0]],
      [3, [2, 0, 0]],
      [5, [1, 0, 1]],
      [6, [1, 0x7f, 1, 0x41, 0, 0x0b]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 0]],
      [10, [2, 4, 0, 0x10, 1, 0x0b, 3, 0, 0x00, 0x0b]],
    ]);
    const result = await runBoth({ wasm });
    expect(expectSameFailure(result).head).toBe('Error: the `wizer-initialize` function trapped');
    expect(result.ours.stderr).toBe(result.upstream.stderr);
  });

  it('§3.4 backtraces name frames from the name section (module name, a one-letter name demangled)', async () => {
    const result = await diffWat(`
      (module $mymod
        (memory 1)
        (global $g (mut i32) (i32.const 0))
        (func $inner_helper unreachable)
        (func $i (call $inner_helper))
        (func $init (export "wizer-initialize") (call $i)))`);
    expectSameFailure(result);
    expect(result.upstream.stderr).toContain('mymod!int');
    expect(result.ours.stderr).toBe(result.upstream.stderr);
  });

  it('§3.4 an element segment that does not fit its table traps at instantiation, no backtrace', async () => {
    const result = await diffWat(`
      (module
        (table 1 funcref)
        (elem (i32.const 5) func 0)
        (func (export "wizer-initialize")))`);
    expect(expectSameFailure(result).head).toBe(
      'Error: wasm trap: undefined element: out of bounds table access',
    );
  });

  // Found by the seeded mutations (a parameter of type nullfuncref got through).
  for (const [name, spec] of refusedRefTypes) {
    it(`§4 ${name} is refused by the engine configuration`, async () => {
      const result = await runBoth({ wasm: refTypeModule(spec) });
      expect(expectSameFailure(result).head).toBe('Error: failed to compile the Wasm module');
    });
  }

  it('§4 (ref null func) locals and blocks are plain funcref and accepted', async () => {
    const wasm = refTypeModule({
      locals: [1, 1, 0x63, FUNCREF],
      body: [0x02, 0x63, FUNCREF, 0xd0, FUNCREF, 0x0b, 0x1a],
    });
    await expectSameSuccess(await runBoth({ wasm }));
  });

  it('§4 global.get of a defined global in a constant expression is refused', async () => {
    const result = await diffWat(`
      (module
        (global $a i32 (i32.const 1))
        (global $b i32 (global.get $a))
        (func (export "wizer-initialize")))`);
    expectSameFailure(result, { causes: 'root' });
  });
});
