/**
 * Deterministic relaxed SIMD (upstream's default `--relaxed-simd-deterministic`), applied to the
 * instrumented copy only. V8 runs relaxed instructions with whatever the CPU does; the
 * deterministic profile fixes one result, which standard instructions compute:
 *
 *   i8x16.relaxed_swizzle          -> i8x16.swizzle            (swapped in place)
 *   i32x4.relaxed_dot_i8x16_i7x16_add_s -> call $dot_add        (a helper appended to the module)
 *
 * Every patch keeps the instruction's length (a 2-byte sub-opcode LEB, padded where needed, or
 * `call` with a 2-byte function index), so no offset in the code section moves. The fused
 * multiply-adds need no change: V8 fuses them on FMA hardware, as the profile requires.
 */
import { SectionId } from '../wasm/constants.js';
import { OPCODES, PREFIX_SIMD } from '../wasm/opcodes.js';
import type { ModuleContext } from './context.js';
import type { AddedFunctions } from './instrument.js';

/** Relaxed sub-opcode -> the standard instruction with the deterministic profile's result. */
const SWAPS: ReadonlyMap<number, string> = new Map([
  [0x100, 'i8x16.swizzle'], // i8x16.relaxed_swizzle
  [0x101, 'i32x4.trunc_sat_f32x4_s'], // i32x4.relaxed_trunc_f32x4_s
  [0x102, 'i32x4.trunc_sat_f32x4_u'], // i32x4.relaxed_trunc_f32x4_u
  [0x103, 'i32x4.trunc_sat_f64x2_s_zero'], // i32x4.relaxed_trunc_f64x2_s_zero
  [0x104, 'i32x4.trunc_sat_f64x2_u_zero'], // i32x4.relaxed_trunc_f64x2_u_zero
  [0x109, 'v128.bitselect'], // i8x16.relaxed_laneselect
  [0x10a, 'v128.bitselect'], // i16x8.relaxed_laneselect
  [0x10b, 'v128.bitselect'], // i32x4.relaxed_laneselect
  [0x10c, 'v128.bitselect'], // i64x2.relaxed_laneselect
  [0x10d, 'f32x4.min'], // f32x4.relaxed_min
  [0x10e, 'f32x4.max'], // f32x4.relaxed_max
  [0x10f, 'f64x2.min'], // f64x2.relaxed_min
  [0x110, 'f64x2.max'], // f64x2.relaxed_max
  [0x111, 'i16x8.q15mulr_sat_s'], // i16x8.relaxed_q15mulr_s
]);
const DOT_I16 = 0x112; // i16x8.relaxed_dot_i8x16_i7x16_s
const DOT_I32_ADD = 0x113; // i32x4.relaxed_dot_i8x16_i7x16_add_s

const CALL = 0x10;
/** Largest function index a 2-byte LEB can hold. */
const MAX_TWO_BYTE_INDEX = 0x3fff;
const V128 = 0x7b;

/** The sub-opcode of a SIMD instruction, from the opcode table. */
function simdCode(name: string): number {
  const info = OPCODES.find((o) => o.prefix === PREFIX_SIMD && o.name === name);
  if (!info) throw new Error(`unreachable: no SIMD opcode named ${name}`);
  return info.code;
}

/** The encoding of a SIMD instruction without immediates: prefix, then the sub-opcode LEB. */
function simd(name: string): number[] {
  const bytes = [PREFIX_SIMD];
  let v = simdCode(name);
  do {
    bytes.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    v >>= 7;
  } while (v > 0);
  return bytes;
}

/** Two-byte LEB of `value` (< 2^14), padded with a continuation byte when it fits in one. */
function twoByteLeb(value: number): [number, number] {
  return [0x80 | (value & 0x7f), value >> 7];
}

/**
 * The deterministic dot products: signed 8-bit lanes of both operands multiplied into 16 bits,
 * adjacent products added with wrap-around; the i32 variant then adds pairs and the accumulator.
 */
function addDotHelpers(added: AddedFunctions): { dot: number; dotAdd: number } {
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const shuffle = (lanes: number[]) => [...simd('i8x16.shuffle'), ...lanes];
  const evens = [0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29];
  const odds = evens.map((b) => b + 2);
  const dot = added.add(
    [V128, V128],
    [V128],
    [
      ...[0x01, 0x02, V128], // two v128 locals: low and high products
      ...get(0),
      ...get(1),
      ...simd('i16x8.extmul_low_i8x16_s'),
      ...set(2),
      ...get(0),
      ...get(1),
      ...simd('i16x8.extmul_high_i8x16_s'),
      ...set(3),
      ...get(2),
      ...get(3),
      ...shuffle(evens),
      ...get(2),
      ...get(3),
      ...shuffle(odds),
      ...simd('i16x8.add'),
      0x0b,
    ],
  );
  const dotAdd = added.add(
    [V128, V128, V128],
    [V128],
    [
      0x00,
      ...get(0),
      ...get(1),
      CALL,
      ...twoByteLeb(dot),
      ...simd('i32x4.extadd_pairwise_i16x8_s'),
      ...get(2),
      ...simd('i32x4.add'),
      0x0b,
    ],
  );
  return { dot, dotAdd };
}

/** A copy of the code section payload with relaxed-SIMD instructions lowered, if any. */
export function lowerRelaxedSimd(
  cx: ModuleContext,
  sites: readonly number[],
  added: AddedFunctions,
): Uint8Array | undefined {
  const code = cx.sections.find((s) => s.id === SectionId.Code);
  if (!code || sites.length === 0) return undefined;
  // A copy, not `slice` (a view when the input is a Node Buffer): the output keeps the original.
  const patched = new Uint8Array(code.end - code.payloadStart);
  patched.set(cx.bytes.subarray(code.payloadStart, code.end));
  let helpers: { dot: number; dotAdd: number } | undefined;
  for (const site of sites) {
    const at = site - code.payloadStart;
    const [lo, hi] = [patched[at + 1]!, patched[at + 2]!];
    if ((lo & 0x80) === 0 || (hi & 0x80) !== 0) continue; // not a 2-byte LEB: leave it
    const sub = (lo & 0x7f) | (hi << 7);
    const swap = SWAPS.get(sub);
    if (swap !== undefined) {
      [patched[at + 1], patched[at + 2]] = twoByteLeb(simdCode(swap));
    } else if (sub === DOT_I16 || sub === DOT_I32_ADD) {
      helpers ??= addDotHelpers(added);
      const target = sub === DOT_I16 ? helpers.dot : helpers.dotAdd;
      if (target > MAX_TWO_BYTE_INDEX) continue; // cannot patch in place: runs natively
      patched[at] = CALL;
      [patched[at + 1], patched[at + 2]] = twoByteLeb(target);
    }
  }
  return patched;
}
