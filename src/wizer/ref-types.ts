/**
 * Reference types that upstream's engine refuses when it compiles: its configuration has the GC,
 * function-references and exceptions proposals off, so only `funcref` and `externref` (and their
 * `(ref null func|extern)` spellings) pass. The messages are wasmparser's; where a type sits
 * decides the wording of a concrete type index (module level or inside a function).
 */
import { BinaryReader } from '../wasm/reader.js';

const GC_HEAP_TYPES = new Set([0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x71, 0x72, 0x73]);
const EXCEPTION_HEAP_TYPES = new Set([0x69, 0x74]);
const FUNC = 0x70;
const EXTERN = 0x6f;
const REF_NULL = 0x63;
const REF = 0x64;

export type TypeSite = 'module' | 'code';

/** Why upstream refuses the heap type starting at `at`, or undefined if it accepts it. */
export function heapTypeRefusal(bytes: Uint8Array, at: number, site: TypeSite): string | undefined {
  const first = bytes[at]!;
  if (first === FUNC || first === EXTERN) return undefined;
  if (GC_HEAP_TYPES.has(first)) return 'heap types not supported without the gc feature';
  if (EXCEPTION_HEAP_TYPES.has(first)) {
    return 'exception refs not supported without the exception handling feature';
  }
  if (site === 'code') return 'function references required for index reference types';
  const index = new BinaryReader(bytes, at).s33();
  return `unknown type ${index}: type index out of bounds because the GC proposal is disabled`;
}

/** Why upstream refuses the value type starting at `at`, or undefined if it accepts it. */
export function valTypeRefusal(bytes: Uint8Array, at: number, site: TypeSite): string | undefined {
  const first = bytes[at]!;
  if (first === REF) return 'function references required for non-nullable types';
  if (first === REF_NULL) return heapTypeRefusal(bytes, at + 1, site);
  if (GC_HEAP_TYPES.has(first) || EXCEPTION_HEAP_TYPES.has(first)) {
    return heapTypeRefusal(bytes, at, site);
  }
  return undefined;
}

/** Whether a block type's first byte is a reference value type (not empty, numeric or an index). */
export function isRefTypeByte(byte: number): boolean {
  return byte >= REF_NULL && byte <= 0x74;
}
