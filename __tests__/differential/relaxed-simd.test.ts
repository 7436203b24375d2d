/**
 * Relaxed SIMD (spec §11.43). Upstream runs with `relaxed_simd_deterministic` on by default, so each
 * relaxed instruction has one fixed result, and ours must be the same. With
 * `--relaxed-simd-deterministic=false` both engines use the host's native lowering, which depends
 * on the CPU (AVX-VNNI or not, FMA or not) and on each engine's choice of instructions; there each
 * tool's result must lie in the set the proposal allows (relaxed-simd-allowed.ts, itself tested
 * against hand-derived values) and everything else in the two outputs must match.
 *
 * Each instruction gets its own case (operands chosen where implementations may differ) so a
 * mismatch names the instruction.
 */
import { describe, expect, it } from 'vitest';
import { type ParsedOutput, expectSameSuccess } from './compare-outputs.js';
import { diffWat, wasmOf } from './fixture.js';
import { type RelaxedOp, disallowedLanes } from './relaxed-simd-allowed.js';
import { readGlobals, readSections, toHex } from './wasm-sections.js';

const F32_TRICKY = 'f32x4 nan -0 3e9 -3e9';
const F32_OTHER = 'f32x4 0 nan 1.5 -2.5';
const ALL_ONES =
  'i8x16 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff';
const ALL_ZEROS = 'i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0';

interface Case {
  name: string;
  op: RelaxedOp;
  /** The operands as `v128.const` immediates. */
  operands: string[];
}

const cases: Case[] = [
  {
    name: 'f32x4.relaxed_madd (the §11.43 FMA operands)',
    op: 'f32x4.relaxed_madd',
    operands: ['f32x4 2796203.5 0 0 0', 'f32x4 3.0 0 0 0', 'f32x4 8388611.0 0 0 0'],
  },
  {
    name: 'f32x4.relaxed_nmadd',
    op: 'f32x4.relaxed_nmadd',
    operands: ['f32x4 2796203.5 1 1 1', 'f32x4 3.0 1 1 1', 'f32x4 8388611.0 0 0 0'],
  },
  {
    name: 'f64x2.relaxed_madd',
    op: 'f64x2.relaxed_madd',
    operands: ['f64x2 0x1.0000000000001p0 1', 'f64x2 0x1.0000000000001p0 1', 'f64x2 -1 0'],
  },
  {
    name: 'f64x2.relaxed_nmadd (2^-53 fused, 0 unfused)',
    op: 'f64x2.relaxed_nmadd',
    operands: [
      'f64x2 -0x1.00000004p0 0x1.00000004p0',
      'f64x2 0x1.000002p0 -0x1.000002p0',
      'f64x2 -0x1.00000204p0 -0x1.00000204p0',
    ],
  },
  {
    name: 'i8x16.relaxed_swizzle (out-of-range indices)',
    op: 'i8x16.relaxed_swizzle',
    operands: [
      'i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16',
      'i8x16 0 16 17 0x7f 0x80 0xff 3 200 15 31 32 64 1 2 0x90 0xf0',
    ],
  },
  {
    name: 'i32x4.relaxed_trunc_f32x4_s (NaN, out of range)',
    op: 'i32x4.relaxed_trunc_f32x4_s',
    operands: [F32_TRICKY],
  },
  {
    name: 'i32x4.relaxed_trunc_f32x4_u (NaN, negative, out of range)',
    op: 'i32x4.relaxed_trunc_f32x4_u',
    operands: [F32_TRICKY],
  },
  {
    name: 'i32x4.relaxed_trunc_f64x2_s_zero',
    op: 'i32x4.relaxed_trunc_f64x2_s_zero',
    operands: ['f64x2 nan 3e10'],
  },
  {
    name: 'i32x4.relaxed_trunc_f64x2_u_zero',
    op: 'i32x4.relaxed_trunc_f64x2_u_zero',
    operands: ['f64x2 -1 5e9'],
  },
  {
    name: 'f32x4.relaxed_min (NaN, signed zeros)',
    op: 'f32x4.relaxed_min',
    operands: [F32_TRICKY, F32_OTHER],
  },
  {
    name: 'f32x4.relaxed_max (NaN, signed zeros)',
    op: 'f32x4.relaxed_max',
    operands: [F32_TRICKY, F32_OTHER],
  },
  { name: 'f64x2.relaxed_min', op: 'f64x2.relaxed_min', operands: ['f64x2 -0 nan', 'f64x2 0 1'] },
  { name: 'f64x2.relaxed_max', op: 'f64x2.relaxed_max', operands: ['f64x2 -0 nan', 'f64x2 0 1'] },
  {
    name: 'i8x16.relaxed_laneselect (mixed mask bits)',
    op: 'i8x16.relaxed_laneselect',
    operands: [
      ALL_ONES,
      ALL_ZEROS,
      'i8x16 0x80 0x7f 0x0f 0xf0 0x80 0x7f 0 0xff 1 2 3 4 0x80 0x80 0x80 0x80',
    ],
  },
  {
    name: 'i16x8.relaxed_laneselect (mixed mask bits)',
    op: 'i16x8.relaxed_laneselect',
    operands: [ALL_ONES, ALL_ZEROS, 'i16x8 0x8000 0x7fff 0x00ff 0xff00 0 0xffff 0x8001 1'],
  },
  {
    name: 'i32x4.relaxed_laneselect (mixed mask bits)',
    op: 'i32x4.relaxed_laneselect',
    operands: [ALL_ONES, ALL_ZEROS, 'i32x4 0x80000000 0x7fffffff 0 0xffffffff'],
  },
  {
    name: 'i64x2.relaxed_laneselect (mixed mask bits)',
    op: 'i64x2.relaxed_laneselect',
    operands: [ALL_ONES, ALL_ZEROS, 'i64x2 0x8000000000000001 0x7fffffffffffffff'],
  },
  {
    name: 'i16x8.relaxed_q15mulr_s (-32768 * -32768)',
    op: 'i16x8.relaxed_q15mulr_s',
    operands: ['i16x8 -32768 -32768 1 2 3 4 5 6', 'i16x8 -32768 32767 1 2 3 4 5 6'],
  },
  {
    name: 'i16x8.relaxed_dot_i8x16_i7x16_s (high-bit second operand)',
    op: 'i16x8.relaxed_dot_i8x16_i7x16_s',
    operands: [
      'i8x16 -128 -128 127 127 1 2 3 4 5 6 7 8 9 10 11 12',
      'i8x16 -128 -128 -1 -1 0x80 0x81 3 4 5 6 7 8 9 10 11 12',
    ],
  },
  {
    name: 'i32x4.relaxed_dot_i8x16_i7x16_add_s (high-bit second operand)',
    op: 'i32x4.relaxed_dot_i8x16_i7x16_add_s',
    operands: [
      'i8x16 -128 -128 -128 -128 127 127 127 127 1 2 3 4 5 6 7 8',
      'i8x16 -128 -128 -128 -128 -1 -1 -1 -1 0x80 0x81 0x82 0x83 1 1 1 1',
      'i32x4 1 2 3 4',
    ],
  },
];

function expression(c: Case): string {
  return `(${c.op} ${c.operands.map((o) => `(v128.const ${o})`).join(' ')})`;
}

function relaxedModule(expr: string): string {
  return `
    (module
      (global $r (mut v128) (v128.const i64x2 0 0))
      (func (export "wizer-initialize") (global.set $r ${expr})))`;
}

/** The operands' bytes, as wabt assembles them (so the reference sees what the engines see). */
async function operandBytes(c: Case): Promise<Uint8Array[]> {
  const globals = c.operands.map((o) => `(global v128 (v128.const ${o}))`).join(' ');
  const wasm = await wasmOf(`(module ${globals})`);
  return readGlobals(readSections(wasm)).map((g) => v128Init(g.init));
}

/** The 16 bytes of a `v128.const` init expression (0xfd 0x0c, 16 bytes, end). */
function v128Init(init: Uint8Array): Uint8Array {
  expect(toHex(init.subarray(0, 2)), 'v128.const opcode').toBe('fd0c');
  expect(init.length, 'v128.const init expression length').toBe(19);
  return init.subarray(2, 18);
}

/** The snapshot value of `$r` (the module's only defined global). */
function snapshotValue(output: ParsedOutput): Uint8Array {
  expect(output.globals, 'one global in the output').toHaveLength(1);
  return v128Init(output.globals[0]!.init);
}

describe.concurrent('differential: relaxed SIMD', () => {
  it('§11.43 f32x4.relaxed_madd of (2796203.5, 3.0, 8388611.0) gives 0x4b800003 by default', async () => {
    const { upstream } = await expectSameSuccess(
      await diffWat(relaxedModule(expression(cases[0]!))),
    );
    expect(toHex(upstream.globals[0]!.init.subarray(2, 6))).toBe('0300804b');
  });

  for (const c of cases) {
    it(`§11.43 ${c.name}, default (deterministic)`, async () => {
      const { upstream } = await expectSameSuccess(await diffWat(relaxedModule(expression(c))));
      // Upstream's deterministic choice is one of the allowed results too (checks the reference).
      expect(disallowedLanes(c.op, await operandBytes(c), snapshotValue(upstream))).toEqual([]);
    });

    it(`§11.43 ${c.name}, --relaxed-simd-deterministic=false: each result is allowed`, async () => {
      const result = await diffWat(relaxedModule(expression(c)), [
        '--relaxed-simd-deterministic=false',
      ]);
      const { upstream, ours } = await expectSameSuccess(result, { globalsMayDiffer: [0] });
      const operands = await operandBytes(c);
      expect(disallowedLanes(c.op, operands, snapshotValue(upstream)), 'upstream').toEqual([]);
      expect(disallowedLanes(c.op, operands, snapshotValue(ours)), 'ours').toEqual([]);
    });
  }
});

describe('differential: relaxed SIMD lowering where the helper call is long', () => {
  it('§11.43 the dot products are deterministic in a module of more than 16,384 functions', async () => {
    // The helpers' indices then need a 3-byte LEB, longer than the instruction they replace.
    const filler = '(func)'.repeat(16_400);
    const dotAdd = cases.find((c) => c.op === 'i32x4.relaxed_dot_i8x16_i7x16_add_s')!;
    const dot = cases.find((c) => c.op === 'i16x8.relaxed_dot_i8x16_i7x16_s')!;
    const module = `
      (module
        ${filler}
        (global $a (mut v128) (v128.const i64x2 0 0))
        (global $b (mut v128) (v128.const i64x2 0 0))
        (func (export "wizer-initialize")
          (global.set $a ${expression(dotAdd)})
          (global.set $b ${expression(dot)})))`;
    const { upstream, ours } = await expectSameSuccess(await diffWat(module));
    expect(ours.globals.map((g) => toHex(g.init))).toEqual(
      upstream.globals.map((g) => toHex(g.init)),
    );
  });
});
