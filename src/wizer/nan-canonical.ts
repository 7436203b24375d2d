/**
 * NaN canonicalisation for deterministic mode, applied to the instrumented copy only. The spec
 * lets a float operation's NaN result have either sign and, when an operand is a NaN with another
 * payload than the canonical one, any payload with the quiet bit set; CPUs differ (x86's `0/0` is
 * `0xffc00000`, arm64's `0x7fc00000`). Like Cranelift's `enable_nan_canonicalization`
 * (`cranelift/codegen/src/nan_canonicalization.rs`), every instruction that can produce a fresh NaN
 * is followed by a select of the canonical NaN (f32 `0x7fc00000`, f64 `0x7ff8000000000000`,
 * lane-wise for f32x4 and f64x2) when its result is NaN, through a scratch local appended to the
 * function's locals (`x == x` fails exactly for NaN):
 *
 *   f32.div   becomes   f32.div  local.tee $t  f32.const nan  local.get $t  local.get $t  f32.eq
 *                       select                    (f32x4/f64x2: v128.const, *.eq, v128.bitselect)
 *
 * Inline, because the CLI runs init on Liftoff, where a call spills every cached value: a loop of
 * nothing but float arithmetic ran about 5x slower with a helper call after each instruction,
 * under 2x with this (`--liftoff-only`; after tier-up both cost little). A body whose locals are
 * at V8's limit (50000) calls a helper function doing the same instead.
 *
 * The instructions are the ones whose Cranelift opcodes that pass rewrites: add, sub, mul, div,
 * sqrt, min, max, ceil, floor, trunc, nearest, demote and promote, scalar and SIMD, and the
 * relaxed fused multiply-adds, min and max (fma, fmin and fmax there). Sign-bit operations (neg,
 * abs, copysign), `pmin`/`pmax` (a compare and bitselect there), loads, constants and
 * reinterpretations move bits they were given and stay as they are. The pass also canonicalises
 * float results of calls, for libcalls; a Wasm function's float result is either computed by
 * the instructions above (so already canonical) or moved bits, which are the same on every host.
 *
 * Each sequence is inserted after its instruction (an edit of length 0), so it composes with the
 * relaxed-SIMD and min/max lowerings, which replace the instruction itself.
 */
import { SectionId, ValTypeCode } from '../wasm/constants.js';
import { readValType } from '../wasm/module.js';
import { PREFIX_SIMD, opcodeNamed } from '../wasm/opcodes.js';
import { BinaryReader } from '../wasm/reader.js';
import { ByteSink } from '../wasm/writer.js';
import type { CodeEdit } from './code-edits.js';
import type { ModuleContext } from './context.js';
import type { AddedFunctions } from './instrument.js';

/** The result shape of a canonicalised instruction, which picks its sequence and scratch local. */
enum Shape {
  F32,
  F64,
  F32x4,
  F64x2,
}

const names = (text: string): string[] => text.trim().split(/\s+/);
const arithmetic = 'add sub mul div sqrt min max ceil floor trunc nearest';

/** Instructions whose results are canonicalised, by mnemonic, with their result shapes. */
const CANONICALISED: ReadonlyArray<[names: string[], shape: Shape]> = [
  [[...names(arithmetic).map((o) => `f32.${o}`), 'f32.demote_f64'], Shape.F32],
  [[...names(arithmetic).map((o) => `f64.${o}`), 'f64.promote_f32'], Shape.F64],
  [
    [
      ...names(arithmetic).map((o) => `f32x4.${o}`),
      ...names('demote_f64x2_zero relaxed_madd relaxed_nmadd relaxed_min relaxed_max').map(
        (o) => `f32x4.${o}`,
      ),
    ],
    Shape.F32x4,
  ],
  [
    [
      ...names(arithmetic).map((o) => `f64x2.${o}`),
      ...names('promote_low_f32x4 relaxed_madd relaxed_nmadd relaxed_min relaxed_max').map(
        (o) => `f64x2.${o}`,
      ),
    ],
    Shape.F64x2,
  ],
];

/** Result shape + 1 per single-byte opcode (0: not canonicalised). */
export const NAN_SCALAR_OPCODES = new Uint8Array(256);
/** Result shape + 1 per SIMD sub-opcode (0: not canonicalised). */
export const NAN_SIMD_OPCODES = new Uint8Array(0x114);
for (const [list, shape] of CANONICALISED) {
  for (const name of list) {
    const info = opcodeNamed(name);
    if (info === undefined || info.immediates.length > 0) {
      throw new Error(`unreachable: ${name} is no instruction without immediates`);
    }
    if (info.prefix === 0) NAN_SCALAR_OPCODES[info.code] = shape + 1;
    else if (info.prefix === PREFIX_SIMD) NAN_SIMD_OPCODES[info.code] = shape + 1;
    else throw new Error(`unreachable: ${name} has prefix ${info.prefix}`);
  }
}

/** V8's limit on a function's locals, parameters included (`kV8MaxWasmFunctionLocals`). */
const MAX_LOCALS = 50_000;

const CALL = 0x10;
const SELECT = 0x1b;
const LOCAL_GET = 0x20;
const LOCAL_TEE = 0x22;

const leb = (value: number): number[] => Array.from(new ByteSink(6).u32(value).view());

/** The encoding of a SIMD instruction without immediates. */
function simd(name: string): number[] {
  const info = opcodeNamed(name);
  if (info?.prefix !== PREFIX_SIMD) throw new Error(`unreachable: no SIMD opcode named ${name}`);
  return [PREFIX_SIMD, ...leb(info.code)];
}

/** Little-endian bytes of the canonical NaN of a lane: f32 `0x7fc00000`, f64 `0x7ff8...0`. */
const F32_NAN = [0x00, 0x00, 0xc0, 0x7f];
const F64_NAN = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f];

/** Per shape: the scratch local's type, the canonical NaN constant, the comparison, the select. */
const SEQUENCE: ReadonlyArray<{ type: number; nan: number[]; eq: number[]; select: number[] }> = [
  { type: ValTypeCode.F32, nan: [0x43, ...F32_NAN], eq: [0x5b], select: [SELECT] },
  { type: ValTypeCode.F64, nan: [0x44, ...F64_NAN], eq: [0x61], select: [SELECT] },
  {
    type: ValTypeCode.V128,
    nan: [...simd('v128.const'), ...F32_NAN, ...F32_NAN, ...F32_NAN, ...F32_NAN],
    eq: simd('f32x4.eq'),
    select: simd('v128.bitselect'),
  },
  {
    type: ValTypeCode.V128,
    nan: [...simd('v128.const'), ...F64_NAN, ...F64_NAN],
    eq: simd('f64x2.eq'),
    select: simd('v128.bitselect'),
  },
];

/**
 * With `x` on the stack and `t` a local of its type: `x == x ? x : canonical` (lane-wise for
 * vectors). `select` and `v128.bitselect` move bits, so every other value (-0, infinities,
 * subnormals) stays as it is.
 */
function canonicalise(shape: Shape, t: number[]): number[] {
  const { nan, eq, select } = SEQUENCE[shape]!;
  return [LOCAL_TEE, ...t, ...nan, LOCAL_GET, ...t, LOCAL_GET, ...t, ...eq, ...select];
}

/** Where the instruction at `at` ends, and its result shape. */
function siteShape(bytes: Uint8Array, at: number): { end: number; shape: Shape } {
  if (bytes[at] !== PREFIX_SIMD) {
    const shape = NAN_SCALAR_OPCODES[bytes[at]!]! - 1;
    if (shape < 0) throw new Error(`unreachable: opcode ${bytes[at]} is not canonicalised`);
    return { end: at + 1, shape };
  }
  const r = new BinaryReader(bytes, at + 1);
  const shape = (NAN_SIMD_OPCODES[r.u32()] ?? 0) - 1;
  if (shape < 0) throw new Error(`unreachable: SIMD opcode at ${at} is not canonicalised`);
  return { end: r.pos, shape };
}

/**
 * Edits inserting, after the instruction at each of `sites` (ascending input offsets of its
 * opcode or SIMD prefix, from the validation scan), the canonicalisation of its result; and, in
 * each function holding sites, the scratch locals (one per value type used) after its own.
 */
export function nanCanonicalEdits(
  cx: ModuleContext,
  sites: readonly number[],
  added: AddedFunctions,
): CodeEdit[] {
  const code = cx.sections.find((s) => s.id === SectionId.Code);
  if (sites.length === 0 || code === undefined) return [];
  const bytes = cx.bytes;
  const edits: CodeEdit[] = [];
  const helpers: Array<number[] | undefined> = [];
  const r = new BinaryReader(bytes, code.payloadStart, code.end);
  let next = 0; // index into sites
  for (let count = r.u32(), body = 0; body < count && next < sites.length; body++) {
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    r.pos = end;
    if (sites[next]! >= end) continue;
    const mine: Array<{ end: number; shape: Shape }> = [];
    for (; next < sites.length && sites[next]! < end; next++)
      mine.push(siteShape(bytes, sites[next]!));

    // The body's locals: their count, and where the declarations end.
    const locals = new BinaryReader(bytes, start, end);
    const groups = locals.u32();
    const groupsEnd = locals.pos;
    let declared = 0;
    for (let g = 0; g < groups; g++) {
      declared += locals.u32();
      readValType(locals);
    }
    const type = cx.types[cx.funcTypeIndices[cx.importedFuncCount + body]!];
    const params = type?.params.length ?? 0;
    // One scratch local per value type: vector shapes share theirs.
    const types = [...new Set(mine.map((m) => SEQUENCE[m.shape]!.type))];
    if (params + declared + types.length > MAX_LOCALS) {
      for (const m of mine)
        edits.push({ at: m.end, length: 0, bytes: helperCall(m.shape, added, helpers) });
      continue;
    }
    const scratch = new Map(types.map((t, i) => [t, leb(params + declared + i)]));
    edits.push({ at: start, length: groupsEnd - start, bytes: leb(groups + types.length) });
    edits.push({ at: locals.pos, length: 0, bytes: types.flatMap((t) => [1, t]) });
    for (const m of mine) {
      const t = scratch.get(SEQUENCE[m.shape]!.type)!;
      edits.push({ at: m.end, length: 0, bytes: canonicalise(m.shape, t) });
    }
  }
  return edits;
}

/**
 * A call to the helper `(x) -> canonical-if-NaN(x)` of `shape`, added on first use: the same
 * sequence on the helper's parameter.
 */
function helperCall(
  shape: Shape,
  added: AddedFunctions,
  helpers: Array<number[] | undefined>,
): number[] {
  let call = helpers[shape];
  if (call === undefined) {
    const { type } = SEQUENCE[shape]!;
    const body = [0x00, LOCAL_GET, 0, ...canonicalise(shape, [0]).slice(2), 0x0b];
    call = [CALL, ...leb(added.add([type], [type], body))];
    helpers[shape] = call;
  }
  return call;
}
