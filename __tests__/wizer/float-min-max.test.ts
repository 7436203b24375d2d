/**
 * Unit tests of the scalar min/max lowering in the instrumented copy (src/wizer/float-min-max.ts):
 * the helpers' results on V8 (the same on every host) and the offset map trap backtraces use.
 */
import { describe, expect, it } from 'vitest';
import { walkCodeSection } from '../../src/wasm/code.js';
import { readSections } from '../../src/wasm/module.js';
import { BinaryReader } from '../../src/wasm/reader.js';
import { SectionId } from '../../src/wasm/constants.js';
import { instrument } from '../../src/wizer/instrument.js';
import { parseModule } from '../../src/wizer/parse.js';
import { checkSupportedInstructions } from '../../src/wizer/validate.js';
import { wat } from '../helpers/tools.js';

async function instrumented(text: string) {
  const cx = parseModule(await wat(text));
  const sites = checkSupportedInstructions(cx);
  return { cx, out: instrument(cx, sites.relaxedSimdSites, sites.floatMinMaxSites) };
}

/** Offset and opcode of every instruction in the code section, in order. */
function instructions(bytes: Uint8Array): Array<[offset: number, opcode: number]> {
  const code = readSections(bytes).find((s) => s.id === SectionId.Code)!;
  const seen: Array<[number, number]> = [];
  walkCodeSection(new BinaryReader(bytes, code.payloadStart, code.end), (opcode, _, offset) =>
    seen.push([offset, opcode]),
  );
  return seen;
}

describe('float min/max lowering', () => {
  it("computes upstream's x86-64 NaN rule on V8: b's NaN quieted, else a's, else the spec's", async () => {
    const { out } = await instrumented(`
      (module
        (func (export "f64min") (param i64 i64) (result i64)
          (i64.reinterpret_f64
            (f64.min (f64.reinterpret_i64 (local.get 0)) (f64.reinterpret_i64 (local.get 1)))))
        (func (export "f32max") (param i32 i32) (result i32)
          (i32.reinterpret_f32
            (f32.max (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1))))))`);
    const { exports } = new WebAssembly.Instance(
      new WebAssembly.Module(out.wasm as Uint8Array<ArrayBuffer>),
    );
    const f64min = (a: bigint, b: bigint) =>
      BigInt.asUintN(64, (exports['f64min'] as (a: bigint, b: bigint) => bigint)(a, b));
    const f32max = (a: number, b: number) =>
      (exports['f32max'] as (a: number, b: number) => number)(a | 0, b | 0) >>> 0;
    const sNaN = 0xfff0_0000_0000_0001n;
    expect(f64min(sNaN, 0x7ff8_0000_0000_00d1n)).toBe(0x7ff8_0000_0000_00d1n); // b's NaN
    expect(f64min(0x3ff0_0000_0000_0000n, sNaN)).toBe(0xfff8_0000_0000_0001n); // quieted
    expect(f64min(sNaN, 0x3ff0_0000_0000_0000n)).toBe(0xfff8_0000_0000_0001n); // a's NaN
    expect(f64min(0n, 0x8000_0000_0000_0000n)).toBe(0x8000_0000_0000_0000n); // -0 < +0
    expect(f64min(0x4000_0000_0000_0000n, 0x3ff0_0000_0000_0000n)).toBe(0x3ff0_0000_0000_0000n);
    expect(f32max(0xffff_ffd1, 0xffff_ffd1)).toBe(0xffff_ffd1); // the fuzzed case
    expect(f32max(0x7f80_0001, 0xff80_0002)).toBe(0xffc0_0002);
    expect(f32max(0x8000_0000, 0)).toBe(0); // +0 > -0
  });

  it('maps every instruction of the grown bodies back to its input offset', async () => {
    // 200 functions so the helpers' indices need 2-byte LEBs; $big's size prefix grows to 3 bytes.
    const filler = '(func)\n'.repeat(200);
    const big = '(global.set $g (f64.min (global.get $g) (f64.const 1)))\n'.repeat(1165);
    const { cx, out } = await instrumented(`
      (module
        (global $g (mut f64) (f64.const 0))
        (func $a (param f32) (result f32) (f32.max (f32.min (local.get 0) (local.get 0)) (f32.const 1)))
        (func $untouched (nop))
        (func $big ${big} (global.set $g (f64.max (global.get $g) (f64.const 2))))
        ${filler}
        (func (export "wizer-initialize") (drop (call $a (f32.const 1)))))`);
    const before = instructions(cx.bytes);
    const after = instructions(out.wasm).slice(0, before.length);
    const lowered = new Set([0x96, 0x97, 0xa4, 0xa5]);
    after.forEach(([offset, opcode], i) => {
      const [input, inputOpcode] = before[i]!;
      expect(out.originalOffset(offset), `instruction ${i}`).toBe(input);
      expect(opcode, `instruction ${i}`).toBe(lowered.has(inputOpcode) ? 0x10 : inputOpcode);
    });
    expect(before.filter(([, op]) => lowered.has(op))).toHaveLength(1168);
    expect(WebAssembly.validate(out.wasm as Uint8Array<ArrayBuffer>)).toBe(true);
  });
});
