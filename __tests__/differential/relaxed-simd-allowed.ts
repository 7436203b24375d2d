/**
 * What the relaxed-SIMD instructions may return, lane by lane, for given operands: a reference for
 * tests that run with `--relaxed-simd-deterministic=false`, where each engine uses its host's
 * native lowering and the exact bits depend on the CPU (e.g. AVX-VNNI or not).
 *
 * Sources, described in our own words:
 * - the proposal's Overview (WebAssembly/relaxed-simd `proposals/relaxed-simd/Overview.md`, the
 *   version with pseudo-code, commit 777ee4f);
 * - the Wasm 3.0 numerics (WebAssembly/spec `document/core/exec/numerics.rst`, "Relaxed
 *   Operations"), where every relaxed operator picks one entry of a list of result sets;
 * - the proposal repository's own spec text (its `document/core/exec/numerics.rst` and
 *   `instructions.rst`), which differs from Wasm 3.0 for laneselect and the dot products;
 * - the spec test suite's `either` alternatives (`test/core/relaxed-simd/*.wast`).
 * Where they disagree the union is allowed; each such place says so.
 *
 * The spec fixes one choice per operator for a whole run (a global parameter), so a lane-by-lane
 * set is a little looser than the spec: two lanes may look as if they made different choices.
 * That is enough to catch wrong arithmetic, which is what the tests need.
 */

/** The 20 relaxed-SIMD instructions (opcodes 0xfd 0x100-0x113). */
export const RELAXED_OPS = [
  'i8x16.relaxed_swizzle',
  'i32x4.relaxed_trunc_f32x4_s',
  'i32x4.relaxed_trunc_f32x4_u',
  'i32x4.relaxed_trunc_f64x2_s_zero',
  'i32x4.relaxed_trunc_f64x2_u_zero',
  'f32x4.relaxed_madd',
  'f32x4.relaxed_nmadd',
  'f64x2.relaxed_madd',
  'f64x2.relaxed_nmadd',
  'i8x16.relaxed_laneselect',
  'i16x8.relaxed_laneselect',
  'i32x4.relaxed_laneselect',
  'i64x2.relaxed_laneselect',
  'f32x4.relaxed_min',
  'f32x4.relaxed_max',
  'f64x2.relaxed_min',
  'f64x2.relaxed_max',
  'i16x8.relaxed_q15mulr_s',
  'i16x8.relaxed_dot_i8x16_i7x16_s',
  'i32x4.relaxed_dot_i8x16_i7x16_add_s',
] as const;

export type RelaxedOp = (typeof RELAXED_OPS)[number];

/** Which NaNs a float lane may hold, by the spec's `nans` rule. */
export type NanRule = 'canonical' | 'arithmetic';

/** The allowed results of one lane. */
export interface LaneAllowance {
  /** Lane width in bits. */
  width: 8 | 16 | 32 | 64;
  /** Allowed bit patterns, as unsigned integers of `width` bits. */
  values: bigint[];
  /**
   * Float lanes only: NaNs allowed besides `values`. `canonical`: a canonical NaN of either sign
   * (every NaN input was canonical, or none was given); `arithmetic`: any NaN with the quiet bit
   * set, either sign.
   */
  nans?: NanRule;
}

// ---------------------------------------------------------------------------------------------
// Lanes and integers

function lanesOf(bytes: Uint8Array, width: number): bigint[] {
  if (bytes.length !== 16) throw new Error(`a v128 has 16 bytes, got ${bytes.length}`);
  const size = width / 8;
  const out: bigint[] = [];
  for (let lane = 0; lane < 16 / size; lane++) {
    let value = 0n;
    for (let k = size - 1; k >= 0; k--) value = (value << 8n) | BigInt(bytes[lane * size + k]!);
    out.push(value);
  }
  return out;
}

/** Reduces an integer modulo 2^width (two's complement bits). */
function wrap(value: bigint, width: number): bigint {
  const m = 1n << BigInt(width);
  return ((value % m) + m) % m;
}

function signed(bits: bigint, width: number): bigint {
  return bits >= 1n << BigInt(width - 1) ? bits - (1n << BigInt(width)) : bits;
}

function saturateSigned(value: bigint, width: number): bigint {
  const max = (1n << BigInt(width - 1)) - 1n;
  const min = -(1n << BigInt(width - 1));
  return value > max ? max : value < min ? min : value;
}

function unique(values: bigint[]): bigint[] {
  return [...new Set(values)];
}

function intLane(width: LaneAllowance['width'], values: bigint[]): LaneAllowance {
  return { width, values: unique(values.map((v) => wrap(v, width))) };
}

// ---------------------------------------------------------------------------------------------
// Floats: an exact model (sign, integer mantissa, power of two) so that a fused multiply-add is
// rounded once, exactly, in f32 and f64 alike.

interface Format {
  width: 32 | 64;
  fracBits: number;
  expBits: number;
}

const F32: Format = { width: 32, fracBits: 23, expBits: 8 };
const F64: Format = { width: 64, fracBits: 52, expBits: 11 };

type Real =
  | { kind: 'nan'; canonical: boolean }
  | { kind: 'inf'; neg: boolean }
  /** (-1)^neg * mant * 2^exp; mant 0 is a signed zero. */
  | { kind: 'num'; neg: boolean; mant: bigint; exp: number };

function bias(f: Format): number {
  return (1 << (f.expBits - 1)) - 1;
}

function isNan(bits: bigint, f: Format): boolean {
  const expMask = (1n << BigInt(f.expBits)) - 1n;
  const frac = bits & ((1n << BigInt(f.fracBits)) - 1n);
  return ((bits >> BigInt(f.fracBits)) & expMask) === expMask && frac !== 0n;
}

function isCanonicalNan(bits: bigint, f: Format): boolean {
  const frac = bits & ((1n << BigInt(f.fracBits)) - 1n);
  return isNan(bits, f) && frac === 1n << BigInt(f.fracBits - 1);
}

function isArithmeticNan(bits: bigint, f: Format): boolean {
  return isNan(bits, f) && (bits & (1n << BigInt(f.fracBits - 1))) !== 0n;
}

function decode(bits: bigint, f: Format): Real {
  const neg = bits >> BigInt(f.width - 1) === 1n;
  const expMask = (1n << BigInt(f.expBits)) - 1n;
  const biased = Number((bits >> BigInt(f.fracBits)) & expMask);
  const frac = bits & ((1n << BigInt(f.fracBits)) - 1n);
  if (BigInt(biased) === expMask) {
    return frac === 0n ? { kind: 'inf', neg } : { kind: 'nan', canonical: isCanonicalNan(bits, f) };
  }
  const emin = 1 - bias(f);
  if (biased === 0) return { kind: 'num', neg, mant: frac, exp: emin - f.fracBits };
  return {
    kind: 'num',
    neg,
    mant: frac | (1n << BigInt(f.fracBits)),
    exp: biased - bias(f) - f.fracBits,
  };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds to the format, to nearest with ties to even (overflow gives an infinity). */
function round(x: Real, f: Format): Real {
  if (x.kind !== 'num' || x.mant === 0n) return x;
  const emin = 1 - bias(f);
  const top = bitLength(x.mant) - 1 + x.exp; // exponent of the leading bit
  let quantum = Math.max(top, emin) - f.fracBits; // exponent of the last kept bit
  let mant: bigint;
  if (quantum <= x.exp) {
    mant = x.mant << BigInt(x.exp - quantum);
  } else {
    const shift = BigInt(quantum - x.exp);
    mant = x.mant >> shift;
    const rest = x.mant - (mant << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (mant & 1n) === 1n)) mant += 1n;
  }
  if (mant === 1n << BigInt(f.fracBits + 1)) {
    mant >>= 1n;
    quantum += 1;
  }
  if (quantum + f.fracBits > bias(f)) return { kind: 'inf', neg: x.neg };
  return { kind: 'num', neg: x.neg, mant, exp: quantum };
}

/** Bits of a value already representable in the format (the output of `round`). */
function encode(x: Real, f: Format): bigint {
  const sign = (neg: boolean) => (neg ? 1n << BigInt(f.width - 1) : 0n);
  const expMask = (1n << BigInt(f.expBits)) - 1n;
  if (x.kind === 'nan') throw new Error('NaN results are described by a rule, not bits');
  if (x.kind === 'inf') return sign(x.neg) | (expMask << BigInt(f.fracBits));
  if (x.mant === 0n) return sign(x.neg);
  const implicit = 1n << BigInt(f.fracBits);
  // Normalise so that a normal number has its implicit bit at fracBits.
  let { mant, exp } = x;
  while (mant < implicit && exp > 1 - bias(f) - f.fracBits) {
    mant <<= 1n;
    exp -= 1;
  }
  if (mant < implicit) return sign(x.neg) | mant; // subnormal
  const biased = BigInt(exp + f.fracBits + bias(f));
  return sign(x.neg) | (biased << BigInt(f.fracBits)) | (mant - implicit);
}

function nanOf(...inputs: Real[]): Real {
  const nans = inputs.filter((z) => z.kind === 'nan');
  return { kind: 'nan', canonical: nans.every((z) => z.kind === 'nan' && z.canonical) };
}

function negate(x: Real): Real {
  return x.kind === 'nan' ? x : { ...x, neg: !x.neg };
}

/** The exact product. */
function mul(a: Real, b: Real): Real {
  if (a.kind === 'nan' || b.kind === 'nan') return nanOf(a, b);
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf' || b.kind === 'inf') {
    const other = a.kind === 'inf' ? b : a;
    if (other.kind === 'num' && other.mant === 0n) return nanOf();
    return { kind: 'inf', neg };
  }
  return { kind: 'num', neg, mant: a.mant * b.mant, exp: a.exp + b.exp };
}

/** The exact sum (a zero result is +0 unless both addends are -0, as when rounding to nearest). */
function add(a: Real, b: Real): Real {
  if (a.kind === 'nan' || b.kind === 'nan') return nanOf(a, b);
  if (a.kind === 'inf' && b.kind === 'inf') return a.neg === b.neg ? a : nanOf();
  if (a.kind === 'inf') return a;
  if (b.kind === 'inf') return b;
  const exp = Math.min(a.exp, b.exp);
  const term = (x: typeof a) => (x.neg ? -1n : 1n) * (x.mant << BigInt(x.exp - exp));
  const sum = term(a) + term(b);
  if (sum === 0n) return { kind: 'num', neg: a.neg && b.neg, mant: 0n, exp: 0 };
  return { kind: 'num', neg: sum < 0n, mant: sum < 0n ? -sum : sum, exp };
}

/** Collects alternative float results into one lane allowance. */
function floatLane(f: Format, results: Real[], extraBits: bigint[] = []): LaneAllowance {
  const lane: LaneAllowance = { width: f.width, values: [...extraBits] };
  for (const r of results) {
    if (r.kind === 'nan') {
      lane.nans = lane.nans === 'arithmetic' || !r.canonical ? 'arithmetic' : 'canonical';
    } else {
      lane.values.push(encode(r, f));
    }
  }
  lane.values = unique(lane.values);
  return lane;
}

function toNumber(bits: bigint, f: Format): number {
  const view = new DataView(new ArrayBuffer(8));
  if (f.width === 32) {
    view.setUint32(0, Number(bits));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

// ---------------------------------------------------------------------------------------------
// The instructions

/**
 * madd: a*b+c rounded once (fused) or the product rounded first (unfused); the Overview and the
 * spec agree. nmadd is madd of -a. Which one an engine picks varies: the spec's deterministic
 * profile is unfused, upstream's deterministic mode is fused.
 */
function madd(f: Format, negateProduct: boolean, a: bigint, b: bigint, c: bigint): LaneAllowance {
  const x = negateProduct ? negate(decode(a, f)) : decode(a, f);
  const y = decode(b, f);
  const z = decode(c, f);
  const fused = round(add(mul(x, y), z), f);
  const unfused = round(add(round(mul(x, y), f), z), f);
  // A NaN operand: the spec's fma and fadd give nans{a, b, c} (`nanOf` keeps that rule).
  return floatLane(f, [fused, unfused]);
}

/**
 * min/max. Regular min/max when neither operand is NaN and they are not zeros of opposite sign.
 * With a NaN: the spec allows fmin's NaN (nans{z1, z2}), the NaN operand itself or the other
 * operand; the Overview says either operand; the union is both operands plus nans{z1, z2}.
 * Zeros of opposite sign: either zero.
 */
function minMax(f: Format, isMin: boolean, a: bigint, b: bigint): LaneAllowance {
  if (isNan(a, f) || isNan(b, f)) return floatLane(f, [nanOf(decode(a, f), decode(b, f))], [a, b]);
  const x = toNumber(a, f);
  const y = toNumber(b, f);
  if (x === 0 && y === 0 && a !== b) return floatLane(f, [], [a, b]);
  const pick = isMin ? (y < x ? b : a) : y > x ? b : a;
  return floatLane(f, [], [pick]);
}

const INT32_MIN = -(1n << 31n);
const INT32_MAX = (1n << 31n) - 1n;
const UINT32_MAX = (1n << 32n) - 1n;

/**
 * Signed truncation. In range: the truncated value. Otherwise the spec allows trunc_sat's result
 * or INT32_MIN (x86's "integer indefinite"); the Overview instead allows 0 or INT32_MAX for NaN
 * and INT32_MIN or INT32_MAX above the range. The union: NaN {0, INT32_MIN, INT32_MAX}, above
 * {INT32_MAX, INT32_MIN}, below {INT32_MIN}. (The spec's prose for the signed case repeats the
 * unsigned list 2^32-1, 2^32-2, 2^31; its formula has only trunc_sat and INT32_MIN, and the formula
 * is what is followed here.)
 */
function truncSigned(f: Format, bits: bigint): LaneAllowance {
  const x = toNumber(bits, f);
  if (Number.isNaN(x)) return intLane(32, [0n, INT32_MIN, INT32_MAX]);
  const t = Math.trunc(x);
  if (t >= -(2 ** 31) && t < 2 ** 31) return intLane(32, [BigInt(t)]);
  return intLane(32, t > 0 ? [INT32_MAX, INT32_MIN] : [INT32_MIN]);
}

/**
 * Unsigned truncation. In range: the truncated value. Otherwise the spec allows trunc_sat's result
 * (0 for NaN and negatives, UINT32_MAX above), 2^32-1, 2^32-2 or 2^31; the Overview's choices
 * (0 or UINT32_MAX for NaN and negatives, UINT32_MAX above) are all in that list.
 */
function truncUnsigned(f: Format, bits: bigint): LaneAllowance {
  const x = toNumber(bits, f);
  const t = Math.trunc(x);
  if (!Number.isNaN(x) && t >= 0 && t < 2 ** 32) return intLane(32, [BigInt(t)]);
  const saturated = Number.isNaN(x) || t < 0 ? 0n : UINT32_MAX;
  return intLane(32, [saturated, UINT32_MAX, UINT32_MAX - 1n, 1n << 31n]);
}

/** Swizzle: index < 16 picks that lane, index >= 128 (negative as i8) gives 0, else 0 or a[j % 16]. */
function swizzle(a: bigint[], s: bigint[]): LaneAllowance[] {
  return s.map((j) => {
    if (j < 16n) return intLane(8, [a[Number(j)]!]);
    if (j >= 128n) return intLane(8, [0n]);
    return intLane(8, [0n, a[Number(j % 16n)]!]);
  });
}

/**
 * laneselect. A mask lane of all ones or all zeros selects a or b. Otherwise the Wasm 3.0 numerics
 * allow bitselect with the mask as given or with the lane's top bit spread over the lane; the
 * proposal's own spec text (relaxed-simd `document/core/exec/numerics.rst`, after its commit
 * f7e861c "allow looking at top bit of byte", for x86's `pblendvb`) also allows a, b, and a
 * byte-wise select by the top bit of each mask byte, which its test suite lists for i16x8. The
 * union is allowed. (V8 on x86-64 lowers every width to `pblendvb`.)
 */
function laneselect(width: 8 | 16 | 32 | 64, a: bigint, b: bigint, m: bigint): LaneAllowance {
  const ones = (1n << BigInt(width)) - 1n;
  const select = (mask: bigint) => (a & mask) | (b & ~mask & ones);
  if (m === 0n || m === ones) return intLane(width, [select(m)]);
  let byteTops = 0n;
  for (let k = 0n; k < BigInt(width); k += 8n) {
    if (((m >> k) & 0x80n) !== 0n) byteTops |= 0xffn << k;
  }
  return intLane(width, [select(m), a, b, select(byteTops)]);
}

/** q15mulr: (a*b + 2^14) >> 15, saturated; -32768 * -32768 may give INT16_MIN or INT16_MAX. */
function q15mulr(a: bigint, b: bigint): LaneAllowance {
  const x = signed(a, 16);
  const y = signed(b, 16);
  if (x === -32768n && y === -32768n) return intLane(16, [32767n, -32768n]);
  return intLane(16, [saturateSigned((x * y + 0x4000n) >> 15n, 16)]);
}

/** How a second operand with its high bit set is read, together with the first operand. */
type DotSigns = 'signed' | 'unsigned b' | 'unsigned both';

/**
 * One i8 x i7 product. A second operand without its high bit: signed(a) * b. With it, the spec
 * and the Overview allow b signed or unsigned (a signed); the spec test suite's `either` lists
 * also have unsigned * unsigned, which is allowed too. The choice is the engine's, so one lane
 * uses one reading for all its products.
 */
function dotProduct(signs: DotSigns, a: bigint, b: bigint): bigint {
  if (b < 128n || signs === 'signed') return signed(a, 8) * signed(b, 8);
  return signs === 'unsigned b' ? signed(a, 8) * b : a * b;
}

/** The plain sum of two adjacent products. */
function pairSum(signs: DotSigns, a: bigint[], b: bigint[], i: number): bigint {
  return dotProduct(signs, a[i]!, b[i]!) + dotProduct(signs, a[i + 1]!, b[i + 1]!);
}

/**
 * The i16 intermediate of a pair. The Overview allows the plain sum or its signed saturation; the
 * spec test suite also allows wrapping to 16 bits, and even one pair saturated and the other
 * wrapped (its -1 for a = b = -128), so each pair chooses on its own.
 */
function narrowed(sum: bigint): bigint[] {
  return unique([saturateSigned(sum, 16), signed(wrap(sum, 16), 16)]);
}

const DOT_SIGNS: DotSigns[] = ['signed', 'unsigned b', 'unsigned both'];

function dotI16(a: bigint[], b: bigint[]): LaneAllowance[] {
  return Array.from({ length: 8 }, (_, k) =>
    intLane(
      16,
      DOT_SIGNS.flatMap((signs) => narrowed(pairSum(signs, a, b, 2 * k))),
    ),
  );
}

/**
 * The i32 variant: two pair intermediates plus the accumulator, wrapping in 32 bits. Besides the
 * narrowed pairs, the four products may be summed whole with no i16 step (the Overview's plain sum;
 * AVX-VNNI's `vpdpbusd` does this).
 */
function dotI32Add(a: bigint[], b: bigint[], c: bigint[]): LaneAllowance[] {
  return Array.from({ length: 4 }, (_, k) => {
    const acc = signed(c[k]!, 32);
    const values: bigint[] = [];
    for (const signs of DOT_SIGNS) {
      const low = pairSum(signs, a, b, 4 * k);
      const high = pairSum(signs, a, b, 4 * k + 2);
      values.push(low + high + acc);
      for (const x of narrowed(low)) for (const y of narrowed(high)) values.push(x + y + acc);
    }
    return intLane(32, values);
  });
}

const ARITY: Record<RelaxedOp, number> = {
  'i8x16.relaxed_swizzle': 2,
  'i32x4.relaxed_trunc_f32x4_s': 1,
  'i32x4.relaxed_trunc_f32x4_u': 1,
  'i32x4.relaxed_trunc_f64x2_s_zero': 1,
  'i32x4.relaxed_trunc_f64x2_u_zero': 1,
  'f32x4.relaxed_madd': 3,
  'f32x4.relaxed_nmadd': 3,
  'f64x2.relaxed_madd': 3,
  'f64x2.relaxed_nmadd': 3,
  'i8x16.relaxed_laneselect': 3,
  'i16x8.relaxed_laneselect': 3,
  'i32x4.relaxed_laneselect': 3,
  'i64x2.relaxed_laneselect': 3,
  'f32x4.relaxed_min': 2,
  'f32x4.relaxed_max': 2,
  'f64x2.relaxed_min': 2,
  'f64x2.relaxed_max': 2,
  'i16x8.relaxed_q15mulr_s': 2,
  'i16x8.relaxed_dot_i8x16_i7x16_s': 2,
  'i32x4.relaxed_dot_i8x16_i7x16_add_s': 3,
};

function zip<T>(lists: bigint[][], f: (...lanes: bigint[]) => T): T[] {
  return lists[0]!.map((_, i) => f(...lists.map((l) => l[i]!)));
}

/** The allowed results of `op` on the given v128 operands (16 bytes each, little-endian lanes). */
export function allowedLanes(op: RelaxedOp, operands: readonly Uint8Array[]): LaneAllowance[] {
  if (operands.length !== ARITY[op]) {
    throw new Error(`${op} takes ${ARITY[op]} operands, got ${operands.length}`);
  }
  const as = (width: number) => operands.map((o) => lanesOf(o, width));
  const zeroLanes = [intLane(32, [0n]), intLane(32, [0n])];
  switch (op) {
    case 'i8x16.relaxed_swizzle': {
      const [a, s] = as(8);
      return swizzle(a!, s!);
    }
    case 'i32x4.relaxed_trunc_f32x4_s':
      return as(32)[0]!.map((v) => truncSigned(F32, v));
    case 'i32x4.relaxed_trunc_f32x4_u':
      return as(32)[0]!.map((v) => truncUnsigned(F32, v));
    case 'i32x4.relaxed_trunc_f64x2_s_zero':
      return [...as(64)[0]!.map((v) => truncSigned(F64, v)), ...zeroLanes];
    case 'i32x4.relaxed_trunc_f64x2_u_zero':
      return [...as(64)[0]!.map((v) => truncUnsigned(F64, v)), ...zeroLanes];
    case 'f32x4.relaxed_madd':
      return zip(as(32), (a, b, c) => madd(F32, false, a!, b!, c!));
    case 'f32x4.relaxed_nmadd':
      return zip(as(32), (a, b, c) => madd(F32, true, a!, b!, c!));
    case 'f64x2.relaxed_madd':
      return zip(as(64), (a, b, c) => madd(F64, false, a!, b!, c!));
    case 'f64x2.relaxed_nmadd':
      return zip(as(64), (a, b, c) => madd(F64, true, a!, b!, c!));
    case 'i8x16.relaxed_laneselect':
      return zip(as(8), (a, b, m) => laneselect(8, a!, b!, m!));
    case 'i16x8.relaxed_laneselect':
      return zip(as(16), (a, b, m) => laneselect(16, a!, b!, m!));
    case 'i32x4.relaxed_laneselect':
      return zip(as(32), (a, b, m) => laneselect(32, a!, b!, m!));
    case 'i64x2.relaxed_laneselect':
      return zip(as(64), (a, b, m) => laneselect(64, a!, b!, m!));
    case 'f32x4.relaxed_min':
      return zip(as(32), (a, b) => minMax(F32, true, a!, b!));
    case 'f32x4.relaxed_max':
      return zip(as(32), (a, b) => minMax(F32, false, a!, b!));
    case 'f64x2.relaxed_min':
      return zip(as(64), (a, b) => minMax(F64, true, a!, b!));
    case 'f64x2.relaxed_max':
      return zip(as(64), (a, b) => minMax(F64, false, a!, b!));
    case 'i16x8.relaxed_q15mulr_s':
      return zip(as(16), (a, b) => q15mulr(a!, b!));
    case 'i16x8.relaxed_dot_i8x16_i7x16_s': {
      const [a, b] = as(8);
      return dotI16(a!, b!);
    }
    case 'i32x4.relaxed_dot_i8x16_i7x16_add_s': {
      const [a, b] = as(8);
      return dotI32Add(a!, b!, as(32)[2]!);
    }
  }
}

/** Whether a lane's bits are allowed. */
export function laneAllows(lane: LaneAllowance, bits: bigint): boolean {
  if (lane.values.includes(bits)) return true;
  if (lane.nans === undefined || (lane.width !== 32 && lane.width !== 64)) return false;
  const f = lane.width === 32 ? F32 : F64;
  return lane.nans === 'canonical' ? isCanonicalNan(bits, f) : isArithmeticNan(bits, f);
}

function hex(bits: bigint, width: number): string {
  return `0x${bits.toString(16).padStart(width / 4, '0')}`;
}

/** Describes a lane's allowed set, e.g. `{0x00000000, 0x7fffffff} or a canonical NaN`. */
export function describeAllowance(lane: LaneAllowance): string {
  const sorted = [...lane.values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const values = `{${sorted.map((v) => hex(v, lane.width)).join(', ')}}`;
  if (lane.nans === undefined) return values;
  return `${values} or ${lane.nans === 'canonical' ? 'a canonical' : 'an arithmetic'} NaN`;
}

/**
 * Checks a 16-byte result of `op` against the allowed set. Returns one message per lane that is
 * not allowed (empty when all are).
 */
export function disallowedLanes(
  op: RelaxedOp,
  operands: readonly Uint8Array[],
  result: Uint8Array,
): string[] {
  const allowed = allowedLanes(op, operands);
  const got = lanesOf(result, allowed[0]!.width);
  return allowed.flatMap((lane, i) =>
    laneAllows(lane, got[i]!)
      ? []
      : [`${op} lane ${i}: ${hex(got[i]!, lane.width)} is not in ${describeAllowance(lane)}`],
  );
}
