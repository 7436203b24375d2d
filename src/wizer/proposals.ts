/**
 * Upstream's `--wasm-*=false` switches (multi-memory, multi-value, bulk memory, SIMD, relaxed SIMD,
 * reference types). Upstream's engine then parses with those proposals off and refuses every
 * encoding they introduced: at module level ("failed to parse WebAssembly module", offsets in its
 * instrumented module) or inside a function body (a translation error). This file finds the first
 * such refusal in each of the two places, in the order upstream's parser meets them.
 *
 * Within one item the order is the parser's: a malformed immediate (a memarg with a memory index,
 * a non-zero `memory.size` or `call_indirect` byte) is a decode error, so it beats the proposal
 * check of its own instruction; the proposal check of an instruction beats its type checks; and
 * "reference types support is not enabled" comes before the GC and function-references refusals
 * that ref-types.ts words. Those are folded in here too, so a tie at one offset has one answer.
 *
 * Only called when a switch is off, so the default run pays nothing.
 *
 *   (module (global funcref (ref.func 0)) ...)   --wasm-reference-types=false
 *   -> reference types support is not enabled (at offset <the global>)
 */
import { opcodeInfo, walkFunctionBody, type InstructionVisitor } from '../wasm/code.js';
import { SectionId } from '../wasm/constants.js';
import { readValType } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import type { ModuleContext } from './context.js';
import type { WasmFeatures } from './options.js';
import { scanConstExpr } from './parse.js';
import { heapTypeRefusal, isRefTypeByte, valTypeRefusal, type TypeSite } from './ref-types.js';

/** A refusal at module level: the offset in the input (before upstream's export growth). */
export interface ModuleRefusal {
  offset: number;
  reason: string;
}

/** A refusal inside a function body. */
export interface CodeRefusal {
  /** Offset of the instruction (or local declaration) it belongs to, for ordering. */
  offset: number;
  /** Offset upstream reports: inside the instruction for a malformed immediate. */
  reportAt: number;
  funcIndex: number;
  reason: string;
}

const REFERENCE_TYPES = 'reference types support is not enabled';
const SIMD = 'SIMD support is not enabled';
const RELAXED_SIMD = 'relaxed SIMD support is not enabled';
const BULK_MEMORY = 'bulk memory support is not enabled';
const ZERO_BYTE = 'zero byte expected';
const MEMARG = 'malformed memop alignment: alignment too large';
const BLOCK_TYPE_INDEX =
  'blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled';

const V128 = 0x7b;
const FUNCREF = 0x70;
const REF_NULL = 0x63;

/** Whether any of the six switches is off. */
export function anyProposalOff(enabled: WasmFeatures): boolean {
  return Object.values(enabled).some((on) => !on);
}

/**
 * Why upstream refuses the value type at `at` with these switches: wasmparser checks the
 * proposal of a reference type before its heap type, so ref-types.ts only speaks when reference
 * types are on.
 */
export function switchedValTypeRefusal(
  bytes: Uint8Array,
  at: number,
  site: TypeSite,
  enabled: WasmFeatures,
): string | undefined {
  const code = bytes[at]!;
  if (code === V128) return enabled.simd ? undefined : SIMD;
  if (isRefTypeByte(code) && !enabled.referenceTypes) return REFERENCE_TYPES;
  return valTypeRefusal(bytes, at, site);
}

/** The first module-level refusal, in section order (all sections precede the code checks). */
export function moduleProposalRefusal(
  cx: ModuleContext,
  enabled: WasmFeatures,
): ModuleRefusal | undefined {
  for (const section of cx.sections) {
    const r = new BinaryReader(cx.bytes, section.payloadStart, section.end);
    let found: ModuleRefusal | undefined;
    switch (section.id) {
      case SectionId.Type:
        found = typeRefusal(r, enabled);
        break;
      case SectionId.Table:
        // The count is checked before any table is read.
        if (!enabled.referenceTypes && cx.tableCount > 1) {
          found = { offset: section.payloadStart, reason: 'multiple tables' };
        } else {
          found = tableRefusal(r, enabled);
        }
        break;
      case SectionId.Memory:
        if (!enabled.multiMemory && cx.memories.length > 1) {
          found = { offset: section.payloadStart, reason: 'multiple memories' };
        }
        break;
      case SectionId.Global:
        found = cx.globals
          .map((g) => {
            // A global's type starts its entry: init expr, after one flags byte and the type.
            const at = g.initStart - 1 - g.type.bytes.length;
            const reason = switchedValTypeRefusal(cx.bytes, at, 'module', enabled);
            return reason === undefined ? undefined : { offset: at, reason };
          })
          .find((x) => x !== undefined);
        break;
      case SectionId.Element:
        found = elementRefusal(r, enabled);
        break;
      case SectionId.Data:
        if (!enabled.bulkMemory) {
          const passive = cx.dataSegments.find((d) => !d.active);
          if (passive) {
            const reason = 'passive data segments require the bulk-memory proposal';
            found = { offset: passive.start, reason };
          }
        }
        break;
    }
    if (found) return found;
  }
  return undefined;
}

/**
 * Function types: each parameter and result type, then the result count. A GC type definition is
 * refused at its own offset (parse.ts) before anything after it, so the scan stops there.
 */
function typeRefusal(r: BinaryReader, enabled: WasmFeatures): ModuleRefusal | undefined {
  for (let n = r.u32(); n > 0; n--) {
    const offset = r.pos;
    let form = r.u8();
    // A final type without supertypes is a plain definition; other GC forms are refused first.
    if (form === 0x4f && r.peek() === 0) {
      r.u8();
      form = r.u8();
    }
    if (form !== 0x60) return undefined;
    let resultCount = 0;
    for (let list = 0; list < 2; list++) {
      const count = r.u32();
      if (list === 1) resultCount = count;
      for (let k = count; k > 0; k--) {
        const at = r.pos;
        readValType(r);
        const reason = switchedValTypeRefusal(r.bytes, at, 'module', enabled);
        if (reason !== undefined) return { offset, reason };
      }
    }
    if (resultCount > 1 && !enabled.multiValue) {
      const reason = 'func type returns multiple values but the multi-value feature is not enabled';
      return { offset, reason };
    }
  }
  return undefined;
}

/** Tables: `funcref` is MVP; any other element type is checked (before an initializer). */
function tableRefusal(r: BinaryReader, enabled: WasmFeatures): ModuleRefusal | undefined {
  for (let n = r.u32(); n > 0; n--) {
    const offset = r.pos;
    const withInit = r.peek() === 0x40;
    if (withInit) r.skip(2);
    const at = r.pos;
    const type = readValType(r);
    const isFuncref =
      type.code === FUNCREF || (type.code === REF_NULL && type.bytes[1] === FUNCREF);
    const reason = isFuncref ? undefined : switchedValTypeRefusal(r.bytes, at, 'module', enabled);
    if (reason !== undefined) return { offset, reason };
    if (withInit) return undefined; // refused by the engine regardless (parse.ts: tableInitAt)
    skipLimits(r);
  }
  return undefined;
}

function skipLimits(r: BinaryReader): void {
  const flags = r.u8();
  const wide = (flags & 0x04) !== 0;
  const bound = () => (wide ? r.u64() : r.u32());
  bound();
  if ((flags & 0x01) !== 0) bound();
  if ((flags & 0x08) !== 0) r.u32();
}

/**
 * Element segments: a segment of expressions has its element type checked (even the implicit
 * `funcref` of flags 4), then a passive or declared segment needs bulk memory. Offsets are the
 * segment's start.
 */
function elementRefusal(r: BinaryReader, enabled: WasmFeatures): ModuleRefusal | undefined {
  for (let n = r.u32(); n > 0; n--) {
    const offset = r.pos;
    const flags = r.u32();
    const passiveOrDeclared = (flags & 0x01) !== 0;
    const explicitType = (flags & 0x03) !== 0;
    const usesExprs = (flags & 0x04) !== 0;
    if (!passiveOrDeclared) {
      if ((flags & 0x02) !== 0) r.u32();
      scanConstExpr(r, {});
    }
    let reason: string | undefined;
    if (usesExprs) {
      if (!enabled.referenceTypes) reason = REFERENCE_TYPES;
      else if (explicitType) reason = valTypeRefusal(r.bytes, r.pos, 'module');
      if (explicitType) readValType(r);
    } else if (explicitType) {
      r.u8(); // elemkind
    }
    if (reason === undefined && passiveOrDeclared && !enabled.bulkMemory) {
      reason = 'bulk memory must be enabled';
    }
    if (reason !== undefined) return { offset, reason };
    for (let k = r.u32(); k > 0; k--) {
      if (usesExprs) scanConstExpr(r, {});
      else r.u32();
    }
  }
  return undefined;
}

/**
 * The first refusal inside function bodies: bodies are checked in order and each stops at its
 * first error, so this is the first error of the first function that has one.
 */
export function codeProposalRefusal(
  cx: ModuleContext,
  enabled: WasmFeatures,
): CodeRefusal | undefined {
  const section = cx.sections.find((s) => s.id === SectionId.Code);
  if (!section) return undefined;
  const bytes = cx.bytes;
  const r = new BinaryReader(bytes, section.payloadStart, section.end);
  for (let count = r.u32(), body = 0; body < count; body++) {
    const reader = r.sub(r.u32());
    const funcIndex = cx.importedFuncCount + body;
    const local = localRefusal(new BinaryReader(bytes, reader.pos, reader.end), enabled);
    if (local) return { ...local, reportAt: local.offset, funcIndex };
    let found: CodeRefusal | undefined;
    const visit: InstructionVisitor = (opcode, sub, offset) => {
      if (found) return;
      const refusal = instructionRefusal(bytes, opcode, sub, offset, enabled);
      if (refusal) found = { offset, funcIndex, ...refusal };
    };
    walkFunctionBody(reader, visit);
    if (found) return found;
  }
  return undefined;
}

/** The first local declaration whose type is refused (reported at the declaration). */
function localRefusal(r: BinaryReader, enabled: WasmFeatures): ModuleRefusal | undefined {
  for (let groups = r.u32(); groups > 0; groups--) {
    const offset = r.pos;
    r.u32();
    const at = r.pos;
    readValType(r);
    const reason = switchedValTypeRefusal(r.bytes, at, 'code', enabled);
    if (reason !== undefined) return { offset, reason };
  }
  return undefined;
}

/** Reference-types instructions among the single-byte opcodes: table.get/set, ref.*. */
const REFERENCE_TYPES_OPS = new Set([0x25, 0x26, 0xd1, 0xd2]);
const BLOCKS = new Set([0x02, 0x03, 0x04]); // block, loop, if (try and try_table: exceptions)
/** Single-byte opcodes `instructionRefusal` looks at beyond memargs; the rest skip it at once. */
const CHECKED_SINGLE = new Uint8Array(256);
for (const op of [...REFERENCE_TYPES_OPS, ...BLOCKS, 0x11, 0x1c, 0x3f, 0x40, 0xd0]) {
  CHECKED_SINGLE[op] = 1;
}
/** Loads and stores: 0x28 (i32.load) to 0x3e (i64.store32). */
const isMemargOp = (op: number) => op >= 0x28 && op <= 0x3e;

/** Why upstream refuses one instruction, in its order: decode, then proposal, then types. */
function instructionRefusal(
  bytes: Uint8Array,
  opcode: number,
  sub: number,
  offset: number,
  enabled: WasmFeatures,
): { reportAt: number; reason: string } | undefined {
  if (sub < 0 && CHECKED_SINGLE[opcode] === 0 && (enabled.multiMemory || !isMemargOp(opcode))) {
    return undefined; // the common case, without allocating
  }
  if (opcode === 0xfb || (opcode === 0xfe && enabled.multiMemory)) return undefined;
  const at = (reason: string | undefined, reportAt = offset) =>
    reason === undefined ? undefined : { reportAt, reason };
  const immediates = new BinaryReader(bytes, offset + 1);
  if (sub >= 0) immediates.u32();
  // Without multi-memory the memarg's flags may not announce a memory index (bit 6).
  if (!enabled.multiMemory && opcodeInfo(opcode, sub)?.immediates[0] === 'memarg') {
    const flagsAt = immediates.pos;
    if (immediates.u32() >= 0x20) return at(MEMARG, flagsAt);
  }
  if (sub < 0) {
    if (BLOCKS.has(opcode)) return at(blockTypeRefusal(bytes, offset + 1, enabled));
    if (opcode === 0x3f || opcode === 0x40) {
      // memory.size, memory.grow: a single zero byte unless multi-memory is on.
      return at(
        !enabled.multiMemory && bytes[offset + 1] !== 0 ? ZERO_BYTE : undefined,
        offset + 1,
      );
    }
    if (opcode === 0x11 && !enabled.referenceTypes) {
      // call_indirect: the table is a single zero byte before reference types.
      immediates.u32();
      const tableAt = immediates.pos;
      return at(bytes[tableAt] !== 0 ? ZERO_BYTE : undefined, tableAt);
    }
    if (REFERENCE_TYPES_OPS.has(opcode))
      return at(enabled.referenceTypes ? undefined : REFERENCE_TYPES);
    if (opcode === 0x1c) {
      if (!enabled.referenceTypes) return at(REFERENCE_TYPES);
      for (let n = immediates.u32(); n > 0; n--) {
        const typeAt = immediates.pos;
        readValType(immediates);
        const reason = switchedValTypeRefusal(bytes, typeAt, 'code', enabled);
        if (reason !== undefined) return at(reason);
      }
      return undefined;
    }
    if (opcode === 0xd0) {
      return at(
        enabled.referenceTypes ? heapTypeRefusal(bytes, offset + 1, 'code') : REFERENCE_TYPES,
      );
    }
    return undefined;
  }
  if (opcode === 0xfc) {
    // memory.init, data.drop, memory.copy, memory.fill, table.init, elem.drop, table.copy; then
    // table.grow, table.size, table.fill.
    if (sub >= 8 && sub <= 14) return at(enabled.bulkMemory ? undefined : BULK_MEMORY);
    if (sub >= 15 && sub <= 17) return at(enabled.referenceTypes ? undefined : REFERENCE_TYPES);
    return undefined;
  }
  if (opcode === 0xfd) {
    const relaxed = sub >= 0x100 && sub <= 0x113;
    if (relaxed) return at(enabled.relaxedSimd ? undefined : RELAXED_SIMD);
    return at(enabled.simd ? undefined : SIMD);
  }
  return undefined;
}

/** A block type: a value type is checked as one; a type index needs multi-value. */
function blockTypeRefusal(
  bytes: Uint8Array,
  at: number,
  enabled: WasmFeatures,
): string | undefined {
  const b = bytes[at]!;
  if (b === 0x40) return undefined;
  // wasmparser reads a value type when the first byte is a one-byte negative s33.
  if ((b & 0x80) === 0 && (b & 0x40) !== 0)
    return switchedValTypeRefusal(bytes, at, 'code', enabled);
  return enabled.multiValue ? undefined : BLOCK_TYPE_INDEX;
}
