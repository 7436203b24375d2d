/**
 * Upstream's NaN results for scalar `f32.min`, `f32.max`, `f64.min` and `f64.max`, applied to the
 * instrumented copy only. The spec lets a NaN result be any arithmetic NaN; V8 returns the
 * canonical one, while upstream's Cranelift (x86-64, `XmmMinMaxSeq`) adds the operands when the
 * comparison is unordered, so x86's NaN propagation decides the bits:
 *
 *   b is NaN            -> b with its quiet bit set
 *   else a is NaN       -> a with its quiet bit set
 *   else                -> the spec's min/max (V8 computes it: -0 < +0)
 *
 * where b is the second operand (top of the stack). Measured on upstream 11.0.3 for every order,
 * sign, payload and quiet/signalling combination (__tests__/differential/float-min-max.test.ts).
 * On aarch64 upstream would use the native `fmin`, which prefers a signalling NaN, then a; we
 * keep the x86-64 rule on every host so the output never depends on the machine.
 *
 *   f64.min      becomes   call $f64_min        (a helper appended to the module)
 *
 * The call is longer than the 1-byte opcode, so the bodies that hold one grow; `CodeMoves` maps
 * offsets in the copy back to the original, for trap backtraces.
 */
import { ByteSink } from '../wasm/writer.js';
import { BinaryReader } from '../wasm/reader.js';
import { ValTypeCode } from '../wasm/constants.js';
import type { AddedFunctions } from './instrument.js';

const CALL = 0x10;
/** Each lowered opcode and its operand type. */
const OPERAND_TYPE: ReadonlyMap<number, number> = new Map([
  [0x96, ValTypeCode.F32], // f32.min
  [0x97, ValTypeCode.F32], // f32.max
  [0xa4, ValTypeCode.F64], // f64.min
  [0xa5, ValTypeCode.F64], // f64.max
]);

/**
 * Where the bodies of the copy moved relative to the original: from `at[i]` (an offset in the
 * copy's bodies) on, the original offset is the copy's minus `shift[i]`. Both ascend with `at`.
 */
export class CodeMoves {
  constructor(
    private readonly at: readonly number[] = [],
    private readonly shift: readonly number[] = [],
  ) {}

  /** The original offset, relative to the first body, of `offset` relative to the copy's. */
  original(offset: number): number {
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? offset : offset - this.shift[lo - 1]!;
  }
}

/**
 * The helper for one opcode: `(a, b) -> result` as above. Fast path: V8's min/max is right unless
 * its result is NaN; only then are the operands inspected.
 */
function helperBody(opcode: number, float: number): number[] {
  const f32 = float === ValTypeCode.F32;
  // i32.const 0x400000 or i64.const 0x8000000000000: the quiet bit
  const quietBit = f32
    ? new ByteSink(8).byte(0x41).s32(0x0040_0000)
    : new ByteSink(12).byte(0x42).s64(0x0008_0000_0000_0000n);
  const [ne, eq] = f32 ? [0x5c, 0x5b] : [0x62, 0x61];
  const [toInt, or, toFloat] = f32 ? [0xbc, 0x72, 0xbe] : [0xbd, 0x84, 0xbf];
  return [
    ...[0x01, 0x01, float], // one local: the result
    ...[0x20, 0, 0x20, 1, opcode, 0x22, 2], // local.get a, local.get b, min/max, local.tee r
    ...[0x20, 2, 0x20, 2, eq, 0x0d, 0], // r == r: br_if 0 returns r
    0x1a, // drop
    ...[0x20, 1, 0x20, 0, 0x20, 1, 0x20, 1, ne, 0x1b], // b is NaN ? b : a
    ...[toInt, ...quietBit.view(), or, toFloat],
    0x0b,
  ];
}

/**
 * The function bodies with every min/max at `sites` (absolute offsets in the input; `bodiesStart`
 * is the input offset of `bodies[0]`) replaced by a call to its helper, and how offsets moved.
 */
export function lowerFloatMinMax(
  bodies: Uint8Array,
  bodiesStart: number,
  sites: readonly number[],
  added: AddedFunctions,
): { bodies: Uint8Array; moves: CodeMoves } {
  const helpers = new Map<number, number[]>();
  const callTo = (opcode: number): number[] => {
    let call = helpers.get(opcode);
    if (call === undefined) {
      const float = OPERAND_TYPE.get(opcode);
      if (float === undefined) throw new Error(`unreachable: opcode ${opcode} is no min/max`);
      const index = added.add([float, float], [float], helperBody(opcode, float));
      call = [CALL, ...new ByteSink(6).u32(index).view()];
      helpers.set(opcode, call);
    }
    return call;
  };

  const out = new ByteSink(bodies.length + sites.length * 3 + 16);
  const at: number[] = [];
  const shift: number[] = [];
  const moved = (from: number, by: number) => {
    at.push(from);
    shift.push(by);
  };
  const r = new BinaryReader(bodies, 0, bodies.length);
  let next = 0; // index into sites
  while (r.pos < bodies.length) {
    const sizeAt = r.pos;
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    r.pos = end;
    if (next >= sites.length || sites[next]! - bodiesStart >= end) {
      out.bytes(bodies.subarray(sizeAt, end)); // untouched, size prefix as given
      continue;
    }
    const body = new ByteSink(size + 16);
    let from = start;
    const calls: Array<[siteInBody: number, length: number]> = [];
    for (; next < sites.length && sites[next]! - bodiesStart < end; next++) {
      const site = sites[next]! - bodiesStart;
      body.bytes(bodies.subarray(from, site));
      const call = callTo(bodies[site]!);
      calls.push([body.length, call.length]);
      body.bytes(call);
      from = site + 1;
    }
    body.bytes(bodies.subarray(from, end));
    out.u32(body.length);
    // Everything from the body on moved by the size prefix's growth, then by each call's.
    let by = out.length - start;
    if (by !== (shift.at(-1) ?? 0)) moved(out.length, by);
    const bodyAt = out.length;
    for (const [offset, length] of calls) {
      by += length - 1;
      moved(bodyAt + offset + length, by);
    }
    out.bytes(body.view());
  }
  return { bodies: out.view(), moves: new CodeMoves(at, shift) };
}
