/** Differential cases for globals (spec §11 items 1-5). */
import { describe, expect, it } from 'vitest';
import { expectSameFailure } from './harness.js';
import { expectSameSuccess } from './compare-outputs.js';
import { diffWat } from './fixture.js';
import { toHex } from './wasm-sections.js';

describe.concurrent('differential: globals', () => {
  it('§11.1 init sets a mutable i32 to 42; init export removed', async () => {
    const result = await diffWat(`
      (module
        (global $g (mut i32) (i32.const 0))
        (global $other (mut i64) (i64.const 7))
        (func (export "wizer-initialize") (global.set $g (i32.const 42)))
        (func (export "probeG") (result i32) (global.get $g)))`);
    const { upstream } = await expectSameSuccess(result);
    expect(toHex(upstream.globals[0]!.init)).toBe('412a0b');
    expect(upstream.exports.map((e) => e.name)).toEqual(['probeG']);
  });

  it('§11.2 immutable extended-const initialiser is kept as written', async () => {
    const result = await diffWat(`
      (module
        (global $k i32 (i32.add (i32.mul (i32.const 5) (i32.const 3)) (i32.const 1)))
        (global $m (mut i32) (i32.sub (i32.const 10) (i32.const 4)))
        (global $k64 i64 (i64.mul (i64.const 6) (i64.const 7)))
        (func (export "wizer-initialize") (global.set $m (i32.add (global.get $m) (global.get $k))))
        (func (export "probeK") (result i32) (global.get $k)))`);
    const { upstream } = await expectSameSuccess(result);
    expect(toHex(upstream.globals[0]!.init)).toBe('410541036c41016a0b');
    expect(toHex(upstream.globals[1]!.init)).toBe('41160b');
  });

  it('§11.3 f32 NaN payload and f64 -0.0 keep their exact bits', async () => {
    const result = await diffWat(`
      (module
        (global $f (mut f32) (f32.const 1))
        (global $d (mut f64) (f64.const 1))
        (global $n (mut f64) (f64.const 0))
        (global $i (mut f32) (f32.const 0))
        (func (export "wizer-initialize")
          (global.set $f (f32.reinterpret_i32 (i32.const 0x7fa00001)))
          (global.set $d (f64.const -0.0))
          (global.set $n (f64.reinterpret_i64 (i64.const 0xfff0000000000123)))
          (global.set $i (f32.const -inf)))
        (func (export "probeFBits") (result i32) (i32.reinterpret_f32 (global.get $f)))
        (func (export "probeNBits") (result i64) (i64.reinterpret_f64 (global.get $n))))`);
    const { upstream } = await expectSameSuccess(result);
    expect(toHex(upstream.globals[0]!.init)).toBe('430100a07f0b');
    expect(toHex(upstream.globals[1]!.init)).toBe('4400000000000000800b');
  });

  it('§11.4 mutable v128 global becomes v128.const with all 16 bytes', async () => {
    const result = await diffWat(`
      (module
        (global $v (mut v128) (v128.const i64x2 0 0))
        (global $w (mut v128) (v128.const i32x4 9 9 9 9))
        (func (export "wizer-initialize")
          (global.set $v (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 0xff))
          (global.set $w (i32x4.add (global.get $w) (global.get $w))))
        (func (export "probeLane") (result i64) (i64x2.extract_lane 1 (global.get $v))))`);
    const { upstream } = await expectSameSuccess(result);
    expect(toHex(upstream.globals[0]!.init)).toBe('fd0c0102030405060708090a0b0c0d0e0fff0b');
  });

  it('§11.5a mutable externref global is refused', async () => {
    const result = await diffWat(`
      (module
        (global $r (mut externref) (ref.null extern))
        (func (export "wizer-initialize")))`);
    const { head } = expectSameFailure(result);
    expect(head).toBe('Error: unsupported mutable global containing a reference type');
  });

  it('§11.5b mutable funcref global is refused', async () => {
    const result = await diffWat(`
      (module
        (global $r (mut funcref) (ref.null func))
        (func (export "wizer-initialize")))`);
    expectSameFailure(result);
  });

  it('§11.5c immutable funcref global initialised with ref.func wizens', async () => {
    const result = await diffWat(`
      (module
        (global $r funcref (ref.func $f))
        (global $c (mut i32) (i32.const 0))
        (func $f (result i32) (i32.const 5))
        (func (export "wizer-initialize") (global.set $c (i32.const 3)))
        (func (export "probeIsNull") (result i32) (ref.is_null (global.get $r))))`);
    await expectSameSuccess(result);
  });

  it('§3.1 a bad mutable ref global is reported before a forbidden opcode', async () => {
    const result = await diffWat(`
      (module
        (table $t 1 funcref)
        (global $r (mut externref) (ref.null extern))
        (func (export "wizer-initialize") (table.set $t (i32.const 0) (ref.null func))))`);
    expectSameFailure(result);
  });

  it('§3.6.1 extreme integer values get canonical LEB encodings; unchanged mutables are rewritten too', async () => {
    const result = await diffWat(`
      (module
        (global $a (mut i32) (i32.const 0))
        (global $b (mut i64) (i64.const 0))
        (global $c (mut i64) (i64.const 0))
        (global $d (mut i32) (i32.const 0))
        (global $same (mut i32) (i32.add (i32.const 40) (i32.const 2)))
        (global $imm f32 (f32.const -1.5))
        (global $immv v128 (v128.const i32x4 1 2 3 4))
        (func (export "wizer-initialize")
          (global.set $a (i32.const -2147483648))
          (global.set $b (i64.const -9223372036854775808))
          (global.set $c (i64.const 0x7fffffffffffffff))
          (global.set $d (i32.const -1))))`);
    const { upstream } = await expectSameSuccess(result);
    expect(toHex(upstream.globals[4]!.init)).toBe('412a0b');
  });
});
