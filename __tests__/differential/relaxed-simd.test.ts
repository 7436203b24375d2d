/**
 * Relaxed SIMD (spec §11.43). Upstream runs with `relaxed_simd_deterministic` on by default, so each
 * relaxed instruction has one fixed result; V8 computes the hardware's. Each instruction gets its
 * own case (operands chosen where implementations may differ) so a mismatch names the instruction.
 */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { diffWat } from './fixture.js';
import { selfTest } from './harness.js';
import { toHex } from './wasm-sections.js';

const F32_TRICKY = 'v128.const f32x4 nan -0 3e9 -3e9';
const F32_OTHER = 'v128.const f32x4 0 nan 1.5 -2.5';

const cases: Array<[name: string, expr: string]> = [
  [
    'f32x4.relaxed_madd (the §11.43 FMA operands)',
    '(f32x4.relaxed_madd (v128.const f32x4 2796203.5 0 0 0) (v128.const f32x4 3.0 0 0 0) (v128.const f32x4 8388611.0 0 0 0))',
  ],
  [
    'f32x4.relaxed_nmadd',
    '(f32x4.relaxed_nmadd (v128.const f32x4 2796203.5 1 1 1) (v128.const f32x4 3.0 1 1 1) (v128.const f32x4 8388611.0 0 0 0))',
  ],
  [
    'f64x2.relaxed_madd',
    '(f64x2.relaxed_madd (v128.const f64x2 0x1.0000000000001p0 1) (v128.const f64x2 0x1.0000000000001p0 1) (v128.const f64x2 -1 0))',
  ],
  [
    'i8x16.relaxed_swizzle (out-of-range indices)',
    '(i8x16.relaxed_swizzle (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16) (v128.const i8x16 0 16 17 0x7f 0x80 0xff 3 200 15 31 32 64 1 2 0x90 0xf0))',
  ],
  [
    'i32x4.relaxed_trunc_f32x4_s (NaN, out of range)',
    `(i32x4.relaxed_trunc_f32x4_s (${F32_TRICKY}))`,
  ],
  [
    'i32x4.relaxed_trunc_f32x4_u (NaN, negative, out of range)',
    `(i32x4.relaxed_trunc_f32x4_u (${F32_TRICKY}))`,
  ],
  [
    'i32x4.relaxed_trunc_f64x2_s_zero',
    '(i32x4.relaxed_trunc_f64x2_s_zero (v128.const f64x2 nan 3e10))',
  ],
  [
    'i32x4.relaxed_trunc_f64x2_u_zero',
    '(i32x4.relaxed_trunc_f64x2_u_zero (v128.const f64x2 -1 5e9))',
  ],
  ['f32x4.relaxed_min (NaN, signed zeros)', `(f32x4.relaxed_min (${F32_TRICKY}) (${F32_OTHER}))`],
  ['f32x4.relaxed_max (NaN, signed zeros)', `(f32x4.relaxed_max (${F32_TRICKY}) (${F32_OTHER}))`],
  ['f64x2.relaxed_min', '(f64x2.relaxed_min (v128.const f64x2 -0 nan) (v128.const f64x2 0 1))'],
  ['f64x2.relaxed_max', '(f64x2.relaxed_max (v128.const f64x2 -0 nan) (v128.const f64x2 0 1))'],
  [
    'i8x16.relaxed_laneselect (mixed mask bits)',
    '(i8x16.relaxed_laneselect (v128.const i8x16 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (v128.const i8x16 0x80 0x7f 0x0f 0xf0 0x80 0x7f 0 0xff 1 2 3 4 0x80 0x80 0x80 0x80))',
  ],
  [
    'i16x8.relaxed_q15mulr_s (-32768 * -32768)',
    '(i16x8.relaxed_q15mulr_s (v128.const i16x8 -32768 -32768 1 2 3 4 5 6) (v128.const i16x8 -32768 32767 1 2 3 4 5 6))',
  ],
  [
    'i16x8.relaxed_dot_i8x16_i7x16_s (high-bit second operand)',
    '(i16x8.relaxed_dot_i8x16_i7x16_s (v128.const i8x16 -128 -128 127 127 1 2 3 4 5 6 7 8 9 10 11 12) (v128.const i8x16 -128 -128 -1 -1 0x80 0x81 3 4 5 6 7 8 9 10 11 12))',
  ],
  [
    'i32x4.relaxed_dot_i8x16_i7x16_add_s (high-bit second operand)',
    '(i32x4.relaxed_dot_i8x16_i7x16_add_s (v128.const i8x16 -128 -128 -128 -128 127 127 127 127 1 2 3 4 5 6 7 8) (v128.const i8x16 -128 -128 -128 -128 -1 -1 -1 -1 0x80 0x81 0x82 0x83 1 1 1 1) (v128.const i32x4 1 2 3 4))',
  ],
];

/**
 * With determinism off, upstream's results are whatever Cranelift's x86-64 lowering gives. For
 * relaxed min/max Cranelift and V8 pass `minps`/`maxps` (`minpd`/`maxpd`) their operands in
 * opposite orders, so NaN and signed-zero lanes differ; both results are allowed by the
 * relaxed-SIMD spec and upstream itself gives different ones on other CPUs. Confirmed divergence,
 * kept as expected failures so a change in either engine is noticed.
 */
const PLATFORM_DEFINED = new Set([
  'f32x4.relaxed_min (NaN, signed zeros)',
  'f32x4.relaxed_max (NaN, signed zeros)',
  'f64x2.relaxed_min',
  'f64x2.relaxed_max',
]);

function relaxedModule(expr: string): string {
  return `
    (module
      (global $r (mut v128) (v128.const i64x2 0 0))
      (func (export "wizer-initialize") (global.set $r ${expr})))`;
}

describe.concurrent('differential: relaxed SIMD', () => {
  it('§11.43 f32x4.relaxed_madd of (2796203.5, 3.0, 8388611.0) gives 0x4b800003 by default', async () => {
    const { upstream } = await expectSameSuccess(await diffWat(relaxedModule(cases[0]![1])));
    expect(toHex(upstream.globals[0]!.init.subarray(2, 6))).toBe('0300804b');
  });

  for (const [name, expr] of cases) {
    it(`§11.43 ${name}, default (deterministic)`, async () => {
      await expectSameSuccess(await diffWat(relaxedModule(expr)));
    });
    const platformIt = PLATFORM_DEFINED.has(name) && !selfTest ? it.fails : it;
    platformIt(`§11.43 ${name}, --relaxed-simd-deterministic=false`, async () => {
      await expectSameSuccess(
        await diffWat(relaxedModule(expr), ['--relaxed-simd-deterministic=false']),
      );
    });
  }
});
