/**
 * Deterministic relaxed SIMD (upstream's default `--relaxed-simd-deterministic`), applied to the
 * instrumented copy only. V8 runs relaxed instructions with whatever the CPU does; the
 * deterministic profile fixes one result, which standard instructions compute:
 *
 *   i8x16.relaxed_swizzle          -> i8x16.swizzle
 *   i32x4.relaxed_dot_i8x16_i7x16_add_s -> call $dot_add        (a helper appended to the module)
 *
 * as edits of the function bodies (code-edits.ts). The fused multiply-adds need no change: V8
 * fuses them on FMA hardware, as the profile requires.
 */
import { PREFIX_SIMD, opcodeNamed } from '../wasm/opcodes.js';
import { BinaryReader } from '../wasm/reader.js';
import { ByteSink } from '../wasm/writer.js';
import type { CodeEdit } from './code-edits.js';
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
const V128 = 0x7b;

/** The sub-opcode of a SIMD instruction, from the opcode table. */
function simdCode(name: string): number {
  const info = opcodeNamed(name);
  if (info?.prefix !== PREFIX_SIMD) throw new Error(`unreachable: no SIMD opcode named ${name}`);
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

const call = (index: number): number[] => [CALL, ...new ByteSink(6).u32(index).view()];

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
      ...call(dot),
      ...simd('i32x4.extadd_pairwise_i16x8_s'),
      ...get(2),
      ...simd('i32x4.add'),
      0x0b,
    ],
  );
  return { dot, dotAdd };
}

/** Edits replacing the relaxed-SIMD instruction at each of `sites` (input offsets of its prefix). */
export function relaxedSimdEdits(
  bytes: Uint8Array,
  sites: readonly number[],
  added: AddedFunctions,
): CodeEdit[] {
  let helpers: { dot: number; dotAdd: number } | undefined;
  const edits: CodeEdit[] = [];
  for (const at of sites) {
    const r = new BinaryReader(bytes, at + 1);
    const sub = r.u32();
    const length = r.pos - at;
    const swap = SWAPS.get(sub);
    if (swap !== undefined) {
      edits.push({ at, length, bytes: simd(swap) });
    } else if (sub === DOT_I16 || sub === DOT_I32_ADD) {
      helpers ??= addDotHelpers(added);
      edits.push({ at, length, bytes: call(sub === DOT_I16 ? helpers.dot : helpers.dotAdd) });
    }
  }
  return edits;
}
