/**
 * Every instruction opcode that Node 24 (V8 13.6) accepts without flags, as one table of data:
 * MVP, sign extension, saturating conversions, bulk memory, reference types, multi-value, SIMD and
 * relaxed SIMD, tail calls, threads, memory64, multi-memory, exceptions (legacy and exnref), typed
 * function references and GC. Not included (V8 needs flags): stringref, fp16, wide arithmetic,
 * stack switching, shared-everything threads.
 *
 * The decoder in `code.ts` compiles this table into typed-array dispatch at load time; nothing here
 * runs per instruction.
 */

/** One immediate operand, in encoding order. Index kinds are all unsigned 32-bit LEB128. */
export type ImmediateKind =
  /** `0x40`, a value type (`0x63`/`0x64` heap-typed refs included) or an s33 type index. */
  | 'blocktype'
  | 'labelidx'
  /** `br_table`: a vector of label indices followed by the default label. */
  | 'br_table'
  | 'funcidx'
  | 'typeidx'
  | 'tableidx'
  | 'localidx'
  | 'globalidx'
  | 'tagidx'
  | 'dataidx'
  | 'elemidx'
  | 'memidx'
  | 'fieldidx'
  /** A plain u32 (the element count of `array.new_fixed`). */
  | 'u32'
  | 'i32'
  | 'i64'
  /** 4 raw bytes. */
  | 'f32'
  /** 8 raw bytes. */
  | 'f64'
  /** 16 raw bytes (`v128.const`). */
  | 'v128'
  /** Alignment (bit 6 set: a memory index follows), then a u64 offset (memory64). */
  | 'memarg'
  /** One lane-index byte. */
  | 'laneidx'
  /** 16 lane-index bytes (`i8x16.shuffle`). */
  | 'shuffle'
  /** An s33 heap type: negative for abstract types, otherwise a type index. */
  | 'heaptype'
  /** A vector of value types (typed `select`). */
  | 'valtypes'
  /** A vector of `try_table` catch clauses. */
  | 'catches'
  /** The nullability flags byte of `br_on_cast` / `br_on_cast_fail`. */
  | 'castflags'
  /** A reserved byte that must be zero (`atomic.fence`). */
  | 'zero';

/** How an instruction affects block nesting; the function body itself is the outermost block. */
export type BlockEffect = 'open' | 'close' | 'none';

export interface OpcodeInfo {
  /** `0` for single-byte opcodes, else the prefix byte (`0xfb`, `0xfc`, `0xfd`, `0xfe`). */
  readonly prefix: number;
  /** The opcode byte, or the sub-opcode (a u32 LEB128) after a prefix. */
  readonly code: number;
  /** The spec text-format mnemonic. Variants sharing a mnemonic (`select`, `ref.test`, ...) repeat it. */
  readonly name: string;
  readonly immediates: readonly ImmediateKind[];
  readonly block: BlockEffect;
}

export const PREFIX_GC = 0xfb;
export const PREFIX_MISC = 0xfc;
export const PREFIX_SIMD = 0xfd;
export const PREFIX_ATOMIC = 0xfe;

const table: OpcodeInfo[] = [];

function op(
  prefix: number,
  code: number,
  name: string,
  immediates: readonly ImmediateKind[] = [],
  block: BlockEffect = 'none',
): void {
  table.push({ prefix, code, name, immediates, block });
}

/** Consecutive opcodes sharing one immediate shape; `-` in `names` marks a reserved code. */
function run(
  prefix: number,
  first: number,
  immediates: readonly ImmediateKind[],
  names: string,
): void {
  let code = first;
  for (const name of names.trim().split(/\s+/)) {
    if (name !== '-') op(prefix, code, name, immediates);
    code++;
  }
}

// ---- Single-byte opcodes -------------------------------------------------------------------
op(0, 0x00, 'unreachable');
op(0, 0x01, 'nop');
op(0, 0x02, 'block', ['blocktype'], 'open');
op(0, 0x03, 'loop', ['blocktype'], 'open');
op(0, 0x04, 'if', ['blocktype'], 'open');
op(0, 0x05, 'else');
op(0, 0x06, 'try', ['blocktype'], 'open'); // legacy exceptions
op(0, 0x07, 'catch', ['tagidx']); // legacy exceptions
op(0, 0x08, 'throw', ['tagidx']);
op(0, 0x09, 'rethrow', ['labelidx']); // legacy exceptions
op(0, 0x0a, 'throw_ref');
op(0, 0x0b, 'end', [], 'close');
op(0, 0x0c, 'br', ['labelidx']);
op(0, 0x0d, 'br_if', ['labelidx']);
op(0, 0x0e, 'br_table', ['br_table']);
op(0, 0x0f, 'return');
op(0, 0x10, 'call', ['funcidx']);
op(0, 0x11, 'call_indirect', ['typeidx', 'tableidx']);
op(0, 0x12, 'return_call', ['funcidx']);
op(0, 0x13, 'return_call_indirect', ['typeidx', 'tableidx']);
op(0, 0x14, 'call_ref', ['typeidx']);
op(0, 0x15, 'return_call_ref', ['typeidx']);
op(0, 0x18, 'delegate', ['labelidx'], 'close'); // legacy: ends its `try` without an `end`
op(0, 0x19, 'catch_all'); // legacy exceptions
op(0, 0x1a, 'drop');
op(0, 0x1b, 'select');
op(0, 0x1c, 'select', ['valtypes']);
op(0, 0x1f, 'try_table', ['blocktype', 'catches'], 'open');
run(0, 0x20, ['localidx'], 'local.get local.set local.tee');
run(0, 0x23, ['globalidx'], 'global.get global.set');
run(0, 0x25, ['tableidx'], 'table.get table.set');
run(
  0,
  0x28,
  ['memarg'],
  `i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u
   i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u
   i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32`,
);
run(0, 0x3f, ['memidx'], 'memory.size memory.grow');
op(0, 0x41, 'i32.const', ['i32']);
op(0, 0x42, 'i64.const', ['i64']);
op(0, 0x43, 'f32.const', ['f32']);
op(0, 0x44, 'f64.const', ['f64']);
run(
  0,
  0x45,
  [],
  `i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
   i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
   f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
   i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
   i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
   i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
   i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
   f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt
   f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign
   f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt
   f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign
   i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u
   i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
   f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
   f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
   i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
   i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s`,
);
op(0, 0xd0, 'ref.null', ['heaptype']);
op(0, 0xd1, 'ref.is_null');
op(0, 0xd2, 'ref.func', ['funcidx']);
op(0, 0xd3, 'ref.eq');
op(0, 0xd4, 'ref.as_non_null');
op(0, 0xd5, 'br_on_null', ['labelidx']);
op(0, 0xd6, 'br_on_non_null', ['labelidx']);

// ---- 0xFB: GC ------------------------------------------------------------------------------
const GC = PREFIX_GC;
run(GC, 0x00, ['typeidx'], 'struct.new struct.new_default');
run(GC, 0x02, ['typeidx', 'fieldidx'], 'struct.get struct.get_s struct.get_u struct.set');
run(GC, 0x06, ['typeidx'], 'array.new array.new_default');
op(GC, 0x08, 'array.new_fixed', ['typeidx', 'u32']);
op(GC, 0x09, 'array.new_data', ['typeidx', 'dataidx']);
op(GC, 0x0a, 'array.new_elem', ['typeidx', 'elemidx']);
run(GC, 0x0b, ['typeidx'], 'array.get array.get_s array.get_u array.set');
op(GC, 0x0f, 'array.len');
op(GC, 0x10, 'array.fill', ['typeidx']);
op(GC, 0x11, 'array.copy', ['typeidx', 'typeidx']);
op(GC, 0x12, 'array.init_data', ['typeidx', 'dataidx']);
op(GC, 0x13, 'array.init_elem', ['typeidx', 'elemidx']);
// 0x14/0x16 take `(ref ht)`, 0x15/0x17 `(ref null ht)`: same mnemonic, nullability in the opcode.
run(GC, 0x14, ['heaptype'], 'ref.test ref.test ref.cast ref.cast');
run(GC, 0x18, ['castflags', 'labelidx', 'heaptype', 'heaptype'], 'br_on_cast br_on_cast_fail');
run(GC, 0x1a, [], 'any.convert_extern extern.convert_any ref.i31 i31.get_s i31.get_u');

// ---- 0xFC: saturating conversions, bulk memory, table operations ----------------------------
const MISC = PREFIX_MISC;
run(
  MISC,
  0x00,
  [],
  `i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u
   i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u`,
);
op(MISC, 0x08, 'memory.init', ['dataidx', 'memidx']);
op(MISC, 0x09, 'data.drop', ['dataidx']);
op(MISC, 0x0a, 'memory.copy', ['memidx', 'memidx']);
op(MISC, 0x0b, 'memory.fill', ['memidx']);
op(MISC, 0x0c, 'table.init', ['elemidx', 'tableidx']);
op(MISC, 0x0d, 'elem.drop', ['elemidx']);
op(MISC, 0x0e, 'table.copy', ['tableidx', 'tableidx']);
run(MISC, 0x0f, ['tableidx'], 'table.grow table.size table.fill');

// ---- 0xFD: SIMD and relaxed SIMD -----------------------------------------------------------
const SIMD = PREFIX_SIMD;
run(
  SIMD,
  0x00,
  ['memarg'],
  `v128.load v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s
   v128.load32x2_u v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.store`,
);
op(SIMD, 0x0c, 'v128.const', ['v128']);
op(SIMD, 0x0d, 'i8x16.shuffle', ['shuffle']);
run(
  SIMD,
  0x0e,
  [],
  'i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat',
);
run(
  SIMD,
  0x15,
  ['laneidx'],
  `i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane
   i16x8.extract_lane_s i16x8.extract_lane_u i16x8.replace_lane
   i32x4.extract_lane i32x4.replace_lane i64x2.extract_lane i64x2.replace_lane
   f32x4.extract_lane f32x4.replace_lane f64x2.extract_lane f64x2.replace_lane`,
);
const intCompares = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u';
const floatCompares = 'eq ne lt gt le ge';
const lanes = (shape: string, ops: string): string =>
  ops
    .trim()
    .split(/\s+/)
    .map((o) => (o === '-' ? o : `${shape}.${o}`))
    .join(' ');
run(
  SIMD,
  0x23,
  [],
  [
    lanes('i8x16', intCompares),
    lanes('i16x8', intCompares),
    lanes('i32x4', intCompares),
    lanes('f32x4', floatCompares),
    lanes('f64x2', floatCompares),
    lanes('v128', 'not and andnot or xor bitselect any_true'),
  ].join(' '),
);
run(
  SIMD,
  0x54,
  ['memarg', 'laneidx'],
  `v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane
   v128.store8_lane v128.store16_lane v128.store32_lane v128.store64_lane`,
);
run(SIMD, 0x5c, ['memarg'], 'v128.load32_zero v128.load64_zero');
run(
  SIMD,
  0x5e,
  [],
  [
    'f32x4.demote_f64x2_zero f64x2.promote_low_f32x4',
    lanes('i8x16', 'abs neg popcnt all_true bitmask narrow_i16x8_s narrow_i16x8_u'),
    lanes('f32x4', 'ceil floor trunc nearest'),
    lanes('i8x16', 'shl shr_s shr_u add add_sat_s add_sat_u sub sub_sat_s sub_sat_u'),
    'f64x2.ceil f64x2.floor',
    lanes('i8x16', 'min_s min_u max_s max_u'),
    'f64x2.trunc i8x16.avgr_u',
    'i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u',
    'i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u',
    lanes(
      'i16x8',
      `abs neg q15mulr_sat_s all_true bitmask narrow_i32x4_s narrow_i32x4_u
       extend_low_i8x16_s extend_high_i8x16_s extend_low_i8x16_u extend_high_i8x16_u
       shl shr_s shr_u add add_sat_s add_sat_u sub sub_sat_s sub_sat_u`,
    ),
    'f64x2.nearest',
    lanes(
      'i16x8',
      `mul min_s min_u max_s max_u - avgr_u
       extmul_low_i8x16_s extmul_high_i8x16_s extmul_low_i8x16_u extmul_high_i8x16_u`,
    ),
    lanes(
      'i32x4',
      `abs neg - all_true bitmask - - extend_low_i16x8_s extend_high_i16x8_s extend_low_i16x8_u
       extend_high_i16x8_u shl shr_s shr_u add - - sub - - - mul min_s min_u max_s max_u
       dot_i16x8_s - extmul_low_i16x8_s extmul_high_i16x8_s extmul_low_i16x8_u extmul_high_i16x8_u`,
    ),
    lanes(
      'i64x2',
      `abs neg - all_true bitmask - - extend_low_i32x4_s extend_high_i32x4_s extend_low_i32x4_u
       extend_high_i32x4_u shl shr_s shr_u add - - sub - - - mul eq ne lt_s gt_s le_s ge_s
       extmul_low_i32x4_s extmul_high_i32x4_s extmul_low_i32x4_u extmul_high_i32x4_u`,
    ),
    lanes('f32x4', 'abs neg - sqrt add sub mul div min max pmin pmax'),
    lanes('f64x2', 'abs neg - sqrt add sub mul div min max pmin pmax'),
    'i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u',
    'i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero',
    'f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u',
  ].join(' '),
);
run(
  SIMD,
  0x100,
  [],
  `i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u
   i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero
   f32x4.relaxed_madd f32x4.relaxed_nmadd f64x2.relaxed_madd f64x2.relaxed_nmadd
   i8x16.relaxed_laneselect i16x8.relaxed_laneselect i32x4.relaxed_laneselect i64x2.relaxed_laneselect
   f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min f64x2.relaxed_max
   i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s i32x4.relaxed_dot_i8x16_i7x16_add_s`,
);

// ---- 0xFE: threads -------------------------------------------------------------------------
const ATOMIC = PREFIX_ATOMIC;
run(ATOMIC, 0x00, ['memarg'], 'memory.atomic.notify memory.atomic.wait32 memory.atomic.wait64');
op(ATOMIC, 0x03, 'atomic.fence', ['zero']);
run(
  ATOMIC,
  0x10,
  ['memarg'],
  `i32.atomic.load i64.atomic.load i32.atomic.load8_u i32.atomic.load16_u
   i64.atomic.load8_u i64.atomic.load16_u i64.atomic.load32_u
   i32.atomic.store i64.atomic.store i32.atomic.store8 i32.atomic.store16
   i64.atomic.store8 i64.atomic.store16 i64.atomic.store32`,
);
// Read-modify-write: 7 operations x 7 widths, starting at 0x1e.
run(
  ATOMIC,
  0x1e,
  ['memarg'],
  ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg']
    .map(
      (o) =>
        `i32.atomic.rmw.${o} i64.atomic.rmw.${o} i32.atomic.rmw8.${o}_u i32.atomic.rmw16.${o}_u ` +
        `i64.atomic.rmw8.${o}_u i64.atomic.rmw16.${o}_u i64.atomic.rmw32.${o}_u`,
    )
    .join(' '),
);

/** The whole opcode table, in no particular order. */
export const OPCODES: readonly OpcodeInfo[] = table;

/** By mnemonic; where two forms share one (`select`, `ref.test`, `ref.cast`), the first listed. */
const byName = new Map<string, OpcodeInfo>();
for (const info of table) if (!byName.has(info.name)) byName.set(info.name, info);

/** The instruction with mnemonic `name` (the first listed, as `OPCODES.find` would give). */
export function opcodeNamed(name: string): OpcodeInfo | undefined {
  return byName.get(name);
}
