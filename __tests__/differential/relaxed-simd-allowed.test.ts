/**
 * The relaxed-SIMD reference itself, against values worked out by hand from the proposal and the
 * spec (and the spec test suite's `either` lists), including results it must reject. Without these
 * the `--relaxed-simd-deterministic=false` differential cases could pass on a reference that
 * allows everything.
 */
import { describe, expect, it } from 'vitest';
import {
  RELAXED_OPS,
  type RelaxedOp,
  allowedLanes,
  describeAllowance,
  disallowedLanes,
  laneAllows,
} from './relaxed-simd-allowed.js';

type Lane = number | bigint;

/** A v128 from lanes of the given width (integers; negative values as two's complement). */
function v128(width: 8 | 16 | 32 | 64, lanes: Lane[]): Uint8Array {
  const out = new Uint8Array(16);
  const size = width / 8;
  lanes.forEach((lane, i) => {
    let bits = BigInt.asUintN(width, BigInt(lane));
    for (let k = 0; k < size; k++) {
      out[i * size + k] = Number(bits & 0xffn);
      bits >>= 8n;
    }
  });
  return out;
}

function f32Bits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
}

function f64Bits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

const f32x4 = (...xs: number[]) => v128(32, xs.map(f32Bits));
const f64x2 = (...xs: number[]) => v128(64, xs.map(f64Bits));

/** The allowed sets as arrays of unsigned bit patterns (sorted), plus the NaN rule if any. */
function sets(op: RelaxedOp, ...operands: Uint8Array[]) {
  return allowedLanes(op, operands).map((lane) => ({
    values: [...lane.values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    nans: lane.nans,
  }));
}

const u32 = (x: number | bigint) => BigInt.asUintN(32, BigInt(x));
const u16 = (x: number | bigint) => BigInt.asUintN(16, BigInt(x));

const CANONICAL_F32 = 0x7fc00000n;
const ARITHMETIC_F32 = 0x7fc00001n;
const SIGNALLING_F32 = 0x7f800001n;

describe('relaxed SIMD allowed results (reference)', () => {
  it('covers all 20 instructions; all-zero operands have exactly one result per lane', () => {
    expect(RELAXED_OPS).toHaveLength(20);
    for (const op of RELAXED_OPS) {
      const arity =
        op.includes('madd') || op.includes('laneselect') || op.endsWith('add_s') ? 3 : 2;
      const operands = Array.from({ length: op.includes('trunc') ? 1 : arity }, () => v128(8, []));
      const lanes = allowedLanes(op, operands);
      for (const lane of lanes) {
        expect(lane.values, op).toEqual([0n]);
        expect(lane.nans, op).toBeUndefined();
      }
      expect(lanes.length * lanes[0]!.width, op).toBe(128);
      expect(disallowedLanes(op, operands, v128(8, [])), op).toEqual([]);
      expect(disallowedLanes(op, operands, v128(8, [0, 0, 0, 0, 0, 0, 0, 0, 1])), op).toHaveLength(
        1,
      );
    }
  });

  it('rejects a wrong operand count', () => {
    expect(() => allowedLanes('f32x4.relaxed_madd', [v128(8, [])])).toThrow(/3 operands/);
  });

  it('f32x4.relaxed_madd: 2796203.5 * 3 + 8388611 is 0x4b800003 fused, 0x4b800002 unfused', () => {
    // 2796203.5 * 3 = 8388610.5 exactly; as f32 that ties to 8388610 (even), + 8388611 =
    // 16777221 ties to 16777220 (0x4b800002). Fused: 16777221.5 rounds up to 16777222 (0x4b800003).
    const operands = [f32x4(2796203.5, 0, 0, 0), f32x4(3, 0, 0, 0), f32x4(8388611, 0, 0, 0)];
    expect(sets('f32x4.relaxed_madd', ...operands)[0]).toEqual({
      values: [0x4b800002n, 0x4b800003n],
      nans: undefined,
    });
    expect(disallowedLanes('f32x4.relaxed_madd', operands, f32x4(16777220, 0, 0, 0))).toEqual([]);
    expect(disallowedLanes('f32x4.relaxed_madd', operands, f32x4(16777222, 0, 0, 0))).toEqual([]);
    expect(disallowedLanes('f32x4.relaxed_madd', operands, f32x4(16777224, 0, 0, 0))).toEqual([
      'f32x4.relaxed_madd lane 0: 0x4b800004 is not in {0x4b800002, 0x4b800003}',
    ]);
    // -0 lanes: 0 * 0 + 0 is +0 either way, and -0 is wrong.
    expect(disallowedLanes('f32x4.relaxed_madd', operands, f32x4(16777220, -0, 0, 0))).toHaveLength(
      1,
    );
  });

  it('f32x4.relaxed_nmadd negates the product; a zero sum of -0 terms is -0', () => {
    const lanes = sets(
      'f32x4.relaxed_nmadd',
      f32x4(2796203.5, 1, 0, 0),
      f32x4(3, 1, 5, 0),
      f32x4(8388611, 0, -0, -0),
    );
    // -8388610.5 + 8388611: fused 0.5, unfused (-8388610 + 8388611) 1.
    expect(lanes[0]!.values).toEqual([f32Bits(0.5), f32Bits(1)]);
    expect(lanes[1]!.values).toEqual([f32Bits(-1)]);
    expect(lanes[2]!.values).toEqual([f32Bits(-0)]); // -(0 * 5) + -0
    expect(lanes[3]!.values).toEqual([f32Bits(-0)]);
  });

  it('f64x2.relaxed_nmadd: the spec test case with 0x1p-53 (fused) or 0 (unfused)', () => {
    // a = -(1 + 2^-30), b = 1 + 2^-23, c = -(1 + 2^-23 + 2^-30): -(a*b) + c = 2^-53 exactly, and
    // the rounded product loses that 2^-53 (a tie, to even). Needs exact arithmetic: JavaScript's
    // a * b + c gives 0 only.
    const a = -(1 + 2 ** -30);
    const b = 1 + 2 ** -23;
    const c = -(1 + 2 ** -23 + 2 ** -30);
    const lanes = sets('f64x2.relaxed_nmadd', f64x2(a, -a), f64x2(b, -b), f64x2(c, c));
    expect(lanes[0]!.values).toEqual([0n, f64Bits(2 ** -53)]);
    expect(lanes[1]!.values).toEqual([0n, f64Bits(2 ** -53)]);
    expect(lanes[0]!.values).not.toContain(f64Bits(2 ** -52));
  });

  it('f64x2.relaxed_madd: overflow, infinities and NaNs', () => {
    const max = Number.MAX_VALUE;
    const lanes = sets(
      'f64x2.relaxed_madd',
      f64x2(max, Infinity),
      f64x2(2, 0),
      f64x2(-Infinity, 1),
    );
    // Fused: the exact product (finite) + -inf = -inf. Unfused: inf + -inf = NaN (canonical).
    expect(lanes[0]).toEqual({ values: [f64Bits(-Infinity)], nans: 'canonical' });
    // inf * 0 is NaN either way.
    expect(lanes[1]).toEqual({ values: [], nans: 'canonical' });
    const nanIn = allowedLanes('f32x4.relaxed_madd', [
      v128(32, [ARITHMETIC_F32, CANONICAL_F32, 0, 0]),
      f32x4(1, 1, 1, 1),
      f32x4(0, 0, 0, 0),
    ]);
    expect(nanIn[0]!.nans).toBe('arithmetic');
    expect(nanIn[1]!.nans).toBe('canonical');
    expect(laneAllows(nanIn[1]!, CANONICAL_F32 | 0x80000000n)).toBe(true);
    expect(laneAllows(nanIn[1]!, ARITHMETIC_F32)).toBe(false);
    expect(laneAllows(nanIn[0]!, ARITHMETIC_F32)).toBe(true);
    expect(laneAllows(nanIn[0]!, SIGNALLING_F32)).toBe(false);
  });

  it('f32 madd rounds into the subnormal range once', () => {
    // 2^-75 * 2^-75 + 2^-149: the product 2^-150 rounds (tie to even) to 0 unfused, so unfused
    // is 2^-149; fused is 2^-149 + 2^-150, a tie between 2^-149 (odd) and 2^-148: 2^-148.
    const lanes = sets('f32x4.relaxed_madd', f32x4(2 ** -75), f32x4(2 ** -75), f32x4(2 ** -149));
    expect(lanes[0]!.values).toEqual([1n, 2n]);
  });

  it('i8x16.relaxed_swizzle: in range exact, 16..127 zero or wrapped, 128..255 zero', () => {
    const a = v128(8, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const s = v128(8, [0, 16, 17, 0x7f, 0x80, 0xff, 3, 200, 15, 31, 32, 64, 1, 2, 0x90, 0xf0]);
    const lanes = sets('i8x16.relaxed_swizzle', a, s).map((l) => l.values);
    expect(lanes.slice(0, 9)).toEqual([
      [1n],
      [0n, 1n],
      [0n, 2n],
      [0n, 16n],
      [0n],
      [0n],
      [4n],
      [0n],
      [16n],
    ]);
    expect(lanes.slice(9)).toEqual([[0n, 16n], [0n, 1n], [0n, 1n], [2n], [3n], [0n], [0n]]);
  });

  it('i32x4.relaxed_trunc_f32x4_s: NaN, -0, above and below the range', () => {
    const lanes = sets('i32x4.relaxed_trunc_f32x4_s', f32x4(NaN, -0, 3e9, -3e9)).map(
      (l) => l.values,
    );
    expect(lanes).toEqual([
      [0n, 0x7fffffffn, 0x80000000n], // trunc_sat 0, the Overview's INT32_MAX, x86's INT32_MIN
      [0n],
      [0x7fffffffn, 0x80000000n],
      [0x80000000n],
    ]);
    const operands = [f32x4(NaN, -0, 3e9, -3e9)];
    const bad = v128(32, [0, 0, 0x7fffffff, 0x7fffffff]);
    expect(disallowedLanes('i32x4.relaxed_trunc_f32x4_s', operands, bad)).toEqual([
      'i32x4.relaxed_trunc_f32x4_s lane 3: 0x7fffffff is not in {0x80000000}',
    ]);
  });

  it('i32x4.relaxed_trunc_f32x4_u: in range exact, otherwise the spec list', () => {
    const lanes = sets('i32x4.relaxed_trunc_f32x4_u', f32x4(NaN, -0.5, 3e9, -3e9)).map(
      (l) => l.values,
    );
    const outOfRange = [0n, 0x80000000n, 0xfffffffen, 0xffffffffn];
    expect(lanes).toEqual([outOfRange, [0n], [3000000000n], outOfRange]);
    const above = sets('i32x4.relaxed_trunc_f32x4_u', f32x4(5e9, Infinity, 4294967040, 1.9));
    expect(above.map((l) => l.values)).toEqual([
      [0x80000000n, 0xfffffffen, 0xffffffffn],
      [0x80000000n, 0xfffffffen, 0xffffffffn],
      [4294967040n],
      [1n],
    ]);
  });

  it('i32x4.relaxed_trunc_f64x2_{s,u}_zero: two lanes, then zeros', () => {
    expect(sets('i32x4.relaxed_trunc_f64x2_s_zero', f64x2(NaN, 3e10)).map((l) => l.values)).toEqual(
      [[0n, 0x7fffffffn, 0x80000000n], [0x7fffffffn, 0x80000000n], [0n], [0n]],
    );
    expect(sets('i32x4.relaxed_trunc_f64x2_u_zero', f64x2(-1, 5e9)).map((l) => l.values)).toEqual([
      [0n, 0x80000000n, 0xfffffffen, 0xffffffffn],
      [0x80000000n, 0xfffffffen, 0xffffffffn],
      [0n],
      [0n],
    ]);
    const exact = sets('i32x4.relaxed_trunc_f64x2_s_zero', f64x2(-2147483648.9, 2147483647.9));
    expect(exact.map((l) => l.values)).toEqual([[0x80000000n], [0x7fffffffn], [0n], [0n]]);
  });

  it('f32x4.relaxed_min/max: NaN gives either operand or an allowed NaN; signed zeros either', () => {
    const a = v128(32, [CANONICAL_F32, f32Bits(-0), f32Bits(3e9), f32Bits(-3e9)]);
    const b = f32x4(0, NaN, 1.5, -2.5);
    const min = sets('f32x4.relaxed_min', a, b);
    expect(min[0]).toEqual({ values: [0n, CANONICAL_F32], nans: 'canonical' });
    expect(min[1]).toEqual({ values: [CANONICAL_F32, 0x80000000n], nans: 'canonical' });
    expect(min[2]!.values).toEqual([f32Bits(1.5)]);
    expect(min[3]!.values).toEqual([f32Bits(-3e9)]);
    const max = sets('f32x4.relaxed_max', a, b);
    expect(max[2]!.values).toEqual([f32Bits(3e9)]);
    expect(max[3]!.values).toEqual([f32Bits(-2.5)]);
    // A signalling NaN operand may come back as itself, but no other non-arithmetic NaN may.
    const sig = allowedLanes('f32x4.relaxed_max', [v128(32, [SIGNALLING_F32]), f32x4(1)]);
    expect(laneAllows(sig[0]!, SIGNALLING_F32)).toBe(true);
    expect(laneAllows(sig[0]!, f32Bits(1))).toBe(true);
    expect(laneAllows(sig[0]!, ARITHMETIC_F32)).toBe(true);
    expect(laneAllows(sig[0]!, 0x7f800002n)).toBe(false);
    expect(laneAllows(sig[0]!, f32Bits(2))).toBe(false);
    expect(describeAllowance(sig[0]!)).toBe('{0x3f800000, 0x7f800001} or an arithmetic NaN');
  });

  it('f64x2.relaxed_min/max: signed zeros either way, NaN lane', () => {
    const operands = [f64x2(-0, NaN), f64x2(0, 1)];
    const min = sets('f64x2.relaxed_min', ...operands);
    expect(min[0]!.values).toEqual([0n, f64Bits(-0)]);
    expect(min[1]!.values).toEqual([f64Bits(1), f64Bits(NaN)]);
    expect(disallowedLanes('f64x2.relaxed_max', operands, f64x2(0, 1))).toEqual([]);
    expect(disallowedLanes('f64x2.relaxed_max', operands, f64x2(-0, NaN))).toEqual([]);
    expect(disallowedLanes('f64x2.relaxed_max', operands, f64x2(1, 1))).toHaveLength(1);
  });

  it('relaxed_laneselect: mixed masks give bitselect, a, b, or a select by the top bit of each byte', () => {
    const ones = v128(8, Array<number>(16).fill(0xff));
    const zeros = v128(8, []);
    const m = v128(8, [0x80, 0x7f, 0x0f, 0xf0, 0, 0xff]);
    const lanes = sets('i8x16.relaxed_laneselect', ones, zeros, m).map((l) => l.values);
    expect(lanes.slice(0, 6)).toEqual([
      [0n, 0x80n, 0xffn],
      [0n, 0x7fn, 0xffn],
      [0n, 0x0fn, 0xffn],
      [0n, 0xf0n, 0xffn],
      [0n],
      [0xffn],
    ]);
    // The proposal's test for pblendvb: i16 masks 0xff00 and 0x0080.
    const a = v128(16, [0, 1, 0x1234, 0x1234, 4, 5, 6, 7]);
    const b = v128(16, [8, 9, 0x5678, 0x5678, 12, 13, 14, 15]);
    const m16 = v128(16, [0xffff, 0, 0xff00, 0x0080]);
    const i16 = sets('i16x8.relaxed_laneselect', a, b, m16).map((l) => l.values);
    expect(i16.slice(0, 4)).toEqual([
      [0n],
      [9n],
      [0x1234n, 0x1278n, 0x5678n],
      [0x1234n, 0x5634n, 0x5678n],
    ]);
    expect(i16[3]).not.toContain(0x1278n);
    // What V8 computes with pblendvb for a 0x8000 mask (ones/zeros operands): 0xff00.
    const blend = sets('i16x8.relaxed_laneselect', ones, zeros, v128(16, [0x8000, 0x8001]));
    expect(blend.slice(0, 2).map((l) => l.values)).toEqual([
      [0n, 0x8000n, 0xff00n, 0xffffn],
      [0n, 0x8001n, 0xff00n, 0xffffn],
    ]);
    const m64 = v128(64, [0x8000000000000000n, -1]);
    const a64 = v128(64, [0x0123456789abcdefn, 5]);
    const b64 = v128(64, [0xfedcba9876543210n, 6]);
    expect(sets('i64x2.relaxed_laneselect', a64, b64, m64).map((l) => l.values)).toEqual([
      [0x0123456789abcdefn, 0x01dcba9876543210n, 0x7edcba9876543210n, 0xfedcba9876543210n],
      [5n],
    ]);
    const m32 = v128(32, [0x7fffffff]);
    expect(sets('i32x4.relaxed_laneselect', v128(32, [-1]), zeros, m32)[0]!.values).toEqual([
      0n,
      0x00ffffffn,
      0x7fffffffn,
      0xffffffffn,
    ]);
    expect(
      disallowedLanes('i32x4.relaxed_laneselect', [v128(32, [-1]), zeros, m32], v128(32, [1])),
    ).toEqual([
      'i32x4.relaxed_laneselect lane 0: 0x00000001 is not in {0x00000000, 0x00ffffff, 0x7fffffff, 0xffffffff}',
    ]);
  });

  it('i16x8.relaxed_q15mulr_s: only -32768 * -32768 has two results', () => {
    const lanes = sets(
      'i16x8.relaxed_q15mulr_s',
      v128(16, [-32768, -32768, 1, 16384, -16384, 32767]),
      v128(16, [-32768, 32767, 1, 16384, 16384, 32767]),
    ).map((l) => l.values);
    expect(lanes.slice(0, 6)).toEqual([
      [0x7fffn, 0x8000n],
      [u16(-32767)],
      [0n],
      [8192n],
      [u16(-8192)],
      [32766n],
    ]);
  });

  it('i16x8.relaxed_dot_i8x16_i7x16_s: the spec test suite cases', () => {
    // In range: one result.
    const simple = Array.from({ length: 16 }, (_, i) => i);
    expect(
      sets('i16x8.relaxed_dot_i8x16_i7x16_s', v128(8, simple), v128(8, simple)).map(
        (l) => l.values,
      ),
    ).toEqual([1, 13, 41, 85, 145, 221, 313, 421].map((x) => [BigInt(x)]));
    // -128 * -127 (b high bit): signed 32512, unsigned b -33024 saturated, unsigned both 33024.
    const high = sets(
      'i16x8.relaxed_dot_i8x16_i7x16_s',
      v128(8, [-128, -128]),
      v128(8, [-127, -127]),
    );
    for (const x of [-32768, 32512, 33024]) expect(high[0]!.values).toContain(u16(x));
    expect(high[0]!.values).not.toContain(0n);
    expect(high[1]!.values).toEqual([0n]);
    // a = b = -128: every pair is 32768, wrapped or saturated; -32768 also from unsigned b.
    const all = sets(
      'i16x8.relaxed_dot_i8x16_i7x16_s',
      v128(8, Array<number>(16).fill(-128)),
      v128(8, Array<number>(16).fill(-128)),
    );
    expect(all[0]!.values).toEqual([0x7fffn, 0x8000n]);
  });

  it('i32x4.relaxed_dot_i8x16_i7x16_add_s: the spec test suite cases and this CPU family', () => {
    const a = v128(8, [-128, -128, -128, -128]);
    const b = v128(8, [-127, -127, -127, -127]);
    const c = v128(32, [1, 2, 3, 4]);
    const lanes = sets('i32x4.relaxed_dot_i8x16_i7x16_add_s', a, b, c);
    // VPDPBUSD (no i16 step), PMADDUBSW (saturated pairs), signed, unsigned both.
    for (const x of [-66047, -65535, 65025, 66049]) expect(lanes[0]!.values).toContain(u32(x));
    expect(lanes[0]!.values).not.toContain(u32(1));
    expect(lanes.slice(1).map((l) => l.values)).toEqual([[2n], [3n], [4n]]);
    const minus128 = v128(8, Array<number>(16).fill(-128));
    const wrapped = sets('i32x4.relaxed_dot_i8x16_i7x16_add_s', minus128, minus128, v128(32, []));
    // The suite's {-65536, -1, 65534} plus the Overview's unsaturated sum 65536.
    expect(wrapped[0]!.values).toEqual(
      [u32(-65536), u32(65534), u32(65536), u32(-1)].sort((x, y) => (x < y ? -1 : 1)),
    );
    // In range: one result.
    const simple = Array.from({ length: 16 }, (_, i) => i);
    expect(
      sets(
        'i32x4.relaxed_dot_i8x16_i7x16_add_s',
        v128(8, simple),
        v128(8, simple),
        v128(32, [0, 1, 2, 3]),
      ).map((l) => l.values),
    ).toEqual([[14n], [127n], [368n], [737n]]);
  });

  it('i32x4.relaxed_dot_i8x16_i7x16_add_s: the results seen on x86 with and without AVX-VNNI', () => {
    // The differential case's operands; upstream (PMADDUBSW) and V8 with AVX-VNNI (VPDPBUSD) differ
    // in lane 1 and both are allowed; lane 1 of a third, made-up engine that adds 1 is not.
    const operands = [
      v128(8, [-128, -128, -128, -128, 127, 127, 127, 127, 1, 2, 3, 4, 5, 6, 7, 8]),
      v128(8, [-128, -128, -128, -128, -1, -1, -1, -1, 0x80, 0x81, 0x82, 0x83, 1, 1, 1, 1]),
      v128(32, [1, 2, 3, 4]),
    ];
    const op = 'i32x4.relaxed_dot_i8x16_i7x16_add_s';
    expect(disallowedLanes(op, operands, v128(32, [-65535, 65536, 1303, 30]))).toEqual([]);
    expect(disallowedLanes(op, operands, v128(32, [-65535, 129542, 1303, 30]))).toEqual([]);
    expect(disallowedLanes(op, operands, v128(32, [-65535, 129543, 1303, 30]))).toHaveLength(1);
    expect(disallowedLanes(op, operands, v128(32, [-65535, 65536, 1303, 31]))).toEqual([
      `${op} lane 3: 0x0000001f is not in {0x0000001e}`,
    ]);
  });
});
