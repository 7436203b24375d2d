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
 * The call is longer than the 1-byte opcode, so the bodies that hold one grow (code-edits.ts).
 */
import { ByteSink } from '../wasm/writer.js';
import { ValTypeCode } from '../wasm/constants.js';
import type { CodeEdit } from './code-edits.js';
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

/** Edits replacing the min/max at each of `sites` (input offsets) by a call to its helper. */
export function floatMinMaxEdits(
  bytes: Uint8Array,
  sites: readonly number[],
  added: AddedFunctions,
): CodeEdit[] {
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
  return sites.map((at) => ({ at, length: 1, bytes: callTo(bytes[at]!) }));
}
