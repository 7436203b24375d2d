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

const forbidden: Array<[op: string, body: string]> = [
  ['table.set', '(table.set $t (i32.const 0) (ref.null func))'],
  ['table.grow', '(drop (table.grow $t (ref.null func) (i32.const 1)))'],
  ['table.fill', '(table.fill $t (i32.const 0) (ref.null func) (i32.const 1))'],
  ['table.copy', '(table.copy $t $u (i32.const 0) (i32.const 0) (i32.const 1))'],
  ['table.init', '(table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))'],
  ['elem.drop', '(elem.drop $e)'],
];

describe.concurrent('differential: refused inputs', () => {
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

  it('§11.29 a component is refused', async () => {
    const component = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
    const { head } = expectSameFailure(await runBoth({ wasm: component }));
    expect(head).toBe('Error: expected a core module, found a component');
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
    const { head, causes } = expectSameFailure(await runBoth({ wasm: text }), {
      causes: 'firstLines',
    });
    expect(head).toBe('Error: wasm validation failed');
    expect(causes[0]).toMatch(/^magic header not detected/);
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

  it('§4 global.get of a defined global in a constant expression is refused', async () => {
    const result = await diffWat(`
      (module
        (global $a i32 (i32.const 1))
        (global $b i32 (global.get $a))
        (func (export "wizer-initialize")))`);
    expectSameFailure(result, { causes: 'root' });
  });
});
