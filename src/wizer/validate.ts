/**
 * Phase 2: validate. Refuses, with upstream's messages and in upstream's order, every module whose
 * initialized state Wizer cannot capture faithfully:
 *
 * 1. instructions with effects a snapshot cannot see (table mutation, segment drops, GC writes),
 *    found by a static scan of every function body whether or not it runs during init;
 * 2. mutable globals of reference type;
 * 3. reserved `__wizer_` names; imported globals, tables and memories.
 *
 * Feature refusals that upstream's engine makes at compile time (exceptions, GC, function
 * references and the reference types they bring, custom page sizes, shared globals, `global.get`
 * in constant expressions) are decided by `checkEngineFeatures`.
 */
import { WasmDecodeError, WizerError } from '../errors.js';
import { opcodeName, walkFunctionBody, type InstructionVisitor } from '../wasm/code.js';
import {
  CodeWalker,
  LOCALS_REPORT,
  REPORT_FIELDS,
  ReportWhen,
  type InstructionFilter,
} from '../wasm/code-kernel.js';
import { ExternalKind, SectionId } from '../wasm/constants.js';
import type { WasmFeatures } from './options.js';
import { isRefType, readPreamble, readValType } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import { ByteSink, u32Size } from '../wasm/writer.js';
import { RESERVED_PREFIX, type ModuleContext } from './context.js';
import { fullValidation } from './lazy-validation.js';
import { NAN_SCALAR_OPCODES, NAN_SIMD_OPCODES } from './nan-canonical.js';
import { parseModule } from './parse.js';
import { anyProposalOff, codeProposalRefusal, moduleProposalRefusal } from './proposals.js';
import { heapTypeRefusal, isRefTypeByte, valTypeRefusal } from './ref-types.js';

/**
 * Instructions whose effects escape the snapshot (table mutation, segment drops, GC writes), as
 * prefix byte -> sub-opcodes. Names come from the opcode table.
 */
const UNSUPPORTED_PREFIXED: ReadonlyMap<number, ReadonlySet<number>> = new Map([
  [0xfc, new Set([9, 12, 13, 14, 15, 17])], // data.drop table.init elem.drop table.copy table.grow table.fill
  [0xfb, new Set([0x05, 0x0e, 0x10, 0x11, 0x12, 0x13])], // struct.set array.set/fill/copy/init_data/init_elem
]);

/** Where a proposal is first used inside a function body. */
export interface CodeFeatureUse {
  offset: number;
  funcIndex: number;
  /** Where upstream reports it, when not at `offset` (a malformed immediate). */
  reportAt?: number;
}

/** First uses, in function bodies, of proposals the engine configuration may refuse. */
export interface CodeFeatures {
  exceptions?: CodeFeatureUse;
  gc?: CodeFeatureUse;
  functionReferences?: CodeFeatureUse;
  /** A local, block, `select` or `ref.null` type the engine refuses (see ref-types.ts). */
  refType?: CodeFeatureUse & { reason: string };
  /** Offsets of every relaxed-SIMD instruction (its 0xFD prefix byte), for deterministic lowering. */
  relaxedSimdSites: number[];
  /** Offsets of every scalar `f32/f64.min/max`, whose NaN results are lowered (float-min-max.ts). */
  floatMinMaxSites: number[];
  /** Offsets of every float instruction whose NaN results deterministic mode canonicalises. */
  nanCanonicalSites: number[];
}

/** What the scan looks for in single-byte opcodes, as bit flags in a table (most have none). */
const Role = {
  tableSet: 1,
  /** The exceptions proposal, legacy and current. */
  exception: 2,
  /** block, loop, if, try, try_table: a block type follows. */
  blockType: 4,
  typedSelect: 8,
  refNull: 16,
  /** call_ref, return_call_ref, ref.as_non_null, br_on_null, br_on_non_null. */
  functionReference: 32,
  /** f32.min, f32.max, f64.min, f64.max. */
  floatMinMax: 64,
  /** Float arithmetic whose NaN results deterministic mode canonicalises (nan-canonical.ts). */
  nanCanonical: 128,
} as const;
const SINGLE_BYTE_ROLES = new Uint8Array(256);
const assignRole = (role: number, opcodes: number[]) =>
  opcodes.forEach((op) => (SINGLE_BYTE_ROLES[op]! |= role));
assignRole(Role.tableSet, [0x26]);
assignRole(Role.exception, [0x06, 0x07, 0x08, 0x09, 0x0a, 0x18, 0x19, 0x1f]);
assignRole(Role.blockType, [0x02, 0x03, 0x04, 0x06, 0x1f]);
assignRole(Role.typedSelect, [0x1c]);
assignRole(Role.refNull, [0xd0]);
assignRole(Role.functionReference, [0x14, 0x15, 0xd4, 0xd5, 0xd6]);
assignRole(Role.floatMinMax, [0x96, 0x97, 0xa4, 0xa5]);
NAN_SCALAR_OPCODES.forEach((shape, op) => shape && assignRole(Role.nanCanonical, [op]));

/** Relaxed-SIMD sub-opcodes of the 0xFD prefix. */
const isRelaxedSimdOp = (sub: number) => sub >= 0x100 && sub <= 0x113;

/** The instructions the scan's visitor acts on; the compiled walk reports only these. */
const SCAN_FILTER: InstructionFilter = {
  single(opcode) {
    const role = SINGLE_BYTE_ROLES[opcode]!;
    if (role === 0) return ReportWhen.never;
    return role === Role.blockType ? ReportWhen.refBlockType : ReportWhen.always;
  },
  prefixed: (opcode, sub) =>
    UNSUPPORTED_PREFIXED.get(opcode)?.has(sub) === true ||
    opcode === 0xfb ||
    (opcode === 0xfd && (Boolean(NAN_SIMD_OPCODES[sub]) || isRelaxedSimdOp(sub))),
};
let scanWalker: CodeWalker | undefined;

/**
 * Runs the static scans (steps 2 and 3 of upstream's validation, in section order) and returns
 * the first uses of proposals for the later engine-feature checks. A preload is only compiled by
 * upstream, not wizened: `wizerChecks` false collects the uses without refusing anything.
 */
export function checkSupportedInstructions(cx: ModuleContext, wizerChecks = true): CodeFeatures {
  const uses: CodeFeatures = { relaxedSimdSites: [], floatMinMaxSites: [], nanCanonicalSites: [] };
  for (const section of cx.sections) {
    if (section.id === SectionId.Global && wizerChecks) {
      if (cx.globals.some((g) => g.mutable && isRefType(g.type.code))) {
        throw new WizerError('unsupported mutable global containing a reference type');
      }
    } else if (section.id === SectionId.Code) {
      const r = new BinaryReader(cx.bytes, section.payloadStart, section.end);
      let unsupported: string | undefined;
      const refuse = (opcode: number, sub: number) => {
        if (wizerChecks) unsupported = opcodeName(opcode, sub);
      };
      let bodyIndex = 0;
      const here = (offset: number) => ({ offset, funcIndex: cx.importedFuncCount + bodyIndex });
      const bytes = cx.bytes;
      const refType = (offset: number, reason: string | undefined) => {
        if (reason !== undefined) uses.refType ??= { ...here(offset), reason };
      };
      const visit: InstructionVisitor = (opcode, sub, offset) => {
        if (unsupported !== undefined) return;
        if (sub < 0) {
          const role = SINGLE_BYTE_ROLES[opcode]!;
          if (role === 0) return;
          if (role & Role.tableSet) refuse(opcode, sub);
          if (role & Role.exception) uses.exceptions ??= here(offset);
          if (role & Role.functionReference) uses.functionReferences ??= here(offset);
          if (role & Role.floatMinMax) uses.floatMinMaxSites.push(offset);
          if (role & Role.nanCanonical) uses.nanCanonicalSites.push(offset);
          if (uses.refType !== undefined) return;
          if (role & Role.blockType && isRefTypeByte(bytes[offset + 1]!)) {
            refType(offset, valTypeRefusal(bytes, offset + 1, 'code'));
          } else if (role & Role.typedSelect) {
            refType(offset, selectTypeRefusal(bytes, offset + 1));
          } else if (role & Role.refNull) {
            refType(offset, heapTypeRefusal(bytes, offset + 1, 'code'));
          }
          return;
        }
        if (UNSUPPORTED_PREFIXED.get(opcode)?.has(sub)) refuse(opcode, sub);
        else if (opcode === 0xfb) uses.gc ??= here(offset);
        else if (opcode === 0xfd) {
          if (NAN_SIMD_OPCODES[sub]) uses.nanCanonicalSites.push(offset);
          if (isRelaxedSimdOp(sub)) uses.relaxedSimdSites.push(offset);
        }
      };
      const checkLocals = (start: number, end: number) => {
        if (uses.refType !== undefined) return;
        const local = localTypeRefusal(new BinaryReader(bytes, start, end));
        if (local) uses.refType = { ...here(local.offset), reason: local.reason };
      };
      scanWalker ??= CodeWalker.create(SCAN_FILTER);
      const reports = scanWalker.walk(bytes, section.payloadStart, section.end);
      if (reports) {
        // Well-formed code, walked in compiled code: only what the visitor looks at is reported.
        for (let at = 0; at < reports.length && unsupported === undefined; at += REPORT_FIELDS) {
          const opcode = reports[at]!;
          const offset = reports[at + 2]!;
          bodyIndex = reports[at + 3]!;
          if (opcode === LOCALS_REPORT) checkLocals(offset, section.end);
          else visit(opcode, reports[at + 1]!, offset);
        }
      } else {
        for (let count = r.u32(); bodyIndex < count && unsupported === undefined; bodyIndex++) {
          const body = r.sub(r.u32());
          checkLocals(body.pos, body.end);
          walkFunctionBody(body, visit);
        }
      }
      if (unsupported !== undefined)
        throw new WizerError(`unsupported \`${unsupported}\` instruction`);
    }
  }
  return uses;
}

/** The first local declaration whose type upstream's engine refuses (offset of the entry). */
function localTypeRefusal(r: BinaryReader): { offset: number; reason: string } | undefined {
  for (let groups = r.u32(); groups > 0; groups--) {
    const offset = r.pos;
    r.u32();
    const typeAt = r.pos;
    readValType(r);
    const reason = valTypeRefusal(r.bytes, typeAt, 'code');
    if (reason !== undefined) return { offset, reason };
  }
  return undefined;
}

/** The first refused type of a typed `select` (a vector of value types at `at`). */
function selectTypeRefusal(bytes: Uint8Array, at: number): string | undefined {
  const r = new BinaryReader(bytes, at);
  for (let n = r.u32(); n > 0; n--) {
    const typeAt = r.pos;
    readValType(r);
    const reason = valTypeRefusal(bytes, typeAt, 'code');
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/**
 * Step 4 and 5: reserved names and import kinds. Inside a component a core module may import
 * globals, memories and tables (another module defines them and its snapshot holds their state;
 * wit-component's fixup module fills the shim's imported table).
 */
export function checkImportsAndExports(cx: ModuleContext, inComponent = false): void {
  for (const imp of cx.imports) {
    if (imp.module.startsWith(RESERVED_PREFIX) || imp.name.startsWith(RESERVED_PREFIX)) {
      throw new WizerError(
        'input Wasm module already imports entities named with the `__wizer_*` prefix',
      );
    }
  }
  for (const exp of cx.exports) {
    if (exp.name.startsWith(RESERVED_PREFIX)) {
      throw new WizerError(
        'input Wasm module already exports entities named with the `__wizer_*` prefix',
      );
    }
  }
  for (const imp of cx.imports) {
    if (imp.kind === ExternalKind.Tag) {
      // Upstream panics here ("exceptions are unsupported"); we refuse like any other input.
      throw new WizerError('imported tags are not supported (exceptions proposal not enabled)');
    }
    if (imp.kind === ExternalKind.Global && !inComponent)
      throw new WizerError('imported globals are not supported');
    if (imp.kind === ExternalKind.Table && !inComponent)
      throw new WizerError('imported tables are not supported');
    if (imp.kind === ExternalKind.Memory && !inComponent)
      throw new WizerError('imported memories are not supported');
  }
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/**
 * Refusals upstream's engine configuration makes when compiling (Wasmtime 42 defaults): the
 * exceptions, GC, function-references, custom-page-sizes and shared-everything-threads proposals
 * are off, and constant expressions may only read
 * imported globals (of which a wizened module has none).
 */
export function checkEngineFeatures(
  cx: ModuleContext,
  uses: CodeFeatures,
  enabled: WasmFeatures,
): void {
  // Upstream compiles its instrumented module, whose export section grew before the code.
  const refusal = engineRefusal(cx, uses, enabled, upstreamExportGrowth(cx));
  if (refusal) throw new WizerError('failed to compile the Wasm module', { cause: refusal });
}

/**
 * The same refusals for a preload, which upstream compiles as given with the same engine
 * configuration (its callers say "failed to parse preload module").
 */
export function checkPreloadFeatures(cx: ModuleContext, enabled: WasmFeatures): void {
  const refusal = engineRefusal(cx, checkSupportedInstructions(cx, false), enabled, 0);
  if (refusal) throw refusal;
}

/**
 * The first engine refusal as upstream's error chain below its head, or undefined. Offsets past
 * the export section are moved by `codeShift`, the growth of upstream's export section.
 */
function engineRefusal(
  cx: ModuleContext,
  uses: CodeFeatures,
  enabled: WasmFeatures,
  codeShift: number,
): WizerError | undefined {
  const parseFailure = (reason: string): WizerError =>
    new WizerError('failed to parse WebAssembly module', { cause: reason });
  // Sections after the export section (elements, data) moved by as much.
  const exportEnd = cx.sections.find((s) => s.id === SectionId.Export)?.end ?? Infinity;
  const upstreamOffset = (offset: number) => (offset >= exportEnd ? offset + codeShift : offset);
  const translationFailure = (use: CodeFeatureUse, reason: string): WizerError =>
    new WizerError(`failed to compile: wasm[0]::function[${use.funcIndex}]`, {
      cause: new WizerError('WebAssembly translation error', {
        cause: `Invalid input WebAssembly code at offset ${(use.reportAt ?? use.offset) + codeShift}: ${reason}`,
      }),
    });
  const { features } = cx;
  // Proposals switched off with `--wasm-*=false` come first: at one offset they are met first.
  const switchedOff = anyProposalOff(enabled);
  const moduleRefusal = switchedOff ? moduleProposalRefusal(cx, enabled) : undefined;
  const parseErrors: Array<[number | undefined, string]> = [
    [moduleRefusal?.offset, moduleRefusal?.reason ?? ''],
    [features.gc?.offset, features.gc?.reason ?? ''],
    [features.exceptionsAt, 'exceptions proposal not enabled'],
    [
      features.customPageSizeAt,
      "the custom page sizes proposal must be enabled to customize a memory's page size",
    ],
    [features.sharedGlobalAt, 'shared globals require the shared-everything-threads proposal'],
    [features.refTypeRefusal?.offset, features.refTypeRefusal?.reason ?? ''],
    [
      features.tableInitAt,
      'tables with expression initializers require the function-references proposal',
    ],
    [
      features.constGlobalGetAt,
      'constant expression required: global.get of locally defined global',
    ],
  ];
  const first = parseErrors
    .filter((e): e is [number, string] => e[0] !== undefined)
    .sort((a, b) => a[0] - b[0])[0];
  if (first) return parseFailure(`${first[1]} (at offset ${hex(upstreamOffset(first[0]))})`);
  const codeRefusal = switchedOff ? codeProposalRefusal(cx, enabled) : undefined;
  const codeErrors: Array<[CodeFeatureUse | undefined, string]> = [
    [codeRefusal, codeRefusal?.reason ?? ''],
    [uses.exceptions, 'exceptions support is not enabled'],
    [uses.gc, 'gc support is not enabled'],
    [uses.functionReferences, 'function references support is not enabled'],
    [uses.refType, uses.refType?.reason ?? ''],
  ];
  const firstCode = codeErrors
    .filter((e): e is [CodeFeatureUse, string] => e[0] !== undefined)
    .sort((a, b) => a[0].offset - b[0].offset)[0];
  return firstCode && translationFailure(firstCode[0], firstCode[1]);
}

/** Upstream refuses this combination when it builds its engine configuration. */
export function checkFeatureFlags(enabled: WasmFeatures): void {
  if (!enabled.simd && enabled.relaxedSimd) {
    throw new WizerError('cannot disable the simd proposal but enable the relaxed simd proposal');
  }
}

/**
 * How many bytes upstream's instrumentation adds before the code section: one export per mutable
 * global (`__wizer_global_<i>`) and per memory (`__wizer_memory_<k>`), plus any growth of the
 * export section's count and size prefixes. Offsets in its compile errors include this shift.
 */
export function upstreamExportGrowth(cx: ModuleContext): number {
  const added = new ByteSink(64);
  let count = 0;
  cx.globals.forEach((g, i) => {
    if (!g.mutable) return;
    added.name(`__wizer_global_${i}`).byte(ExternalKind.Global).u32(i);
    count++;
  });
  cx.memories.forEach((_, k) => {
    added.name(`__wizer_memory_${k}`).byte(ExternalKind.Memory).u32(k);
    count++;
  });
  const exportSection = cx.sections.find((s) => s.id === SectionId.Export);
  if (!exportSection || count === 0) return 0;
  const oldSize = exportSection.end - exportSection.payloadStart;
  const oldCount = cx.exports.length;
  const newSize = oldSize + added.length + u32Size(oldCount + count) - u32Size(oldCount);
  return newSize - oldSize + u32Size(newSize) - u32Size(oldSize);
}

/**
 * The whole validation phase, in upstream's order: full validation first, then the static checks
 * and the engine's refusals. Full validation is V8's, of the input itself: the instrumented copy
 * that V8 compiles later has extra functions and types, so an input that refers to a function or
 * type past its own would pass there. V8 validates on its background threads while we parse
 * (unless the process compiles with lazy validation, see lazy-validation.ts).
 */
export async function validateModule(
  input: Uint8Array,
  features: WasmFeatures,
  { inComponent = false }: { inComponent?: boolean } = {},
): Promise<{ cx: ModuleContext; codeFeatures: CodeFeatures }> {
  const v8Verdict = fullValidation(input);
  let cx: ModuleContext;
  try {
    if (readPreamble(input) === 'component') {
      throw new WizerError('expected a core module, found a component');
    }
    cx = parseModule(input);
  } catch (error) {
    if (error instanceof WasmDecodeError) throw validationFailure(error);
    throw error;
  }
  // V8 lacks custom page sizes and shared globals, which upstream's validator accepts and its
  // engine then refuses (below). Shared globals are validated as unshared ones instead (the
  // flag is one bit, so offsets stay put); custom page sizes are left to that refusal.
  const { customPageSizeAt, sharedGlobalFlags } = cx.features;
  if (customPageSizeAt === undefined) {
    const invalid = sharedGlobalFlags
      ? await fullValidation(unshared(input, sharedGlobalFlags))
      : await v8Verdict;
    if (invalid !== undefined) throw validationFailure(invalid);
  }
  let codeFeatures: CodeFeatures;
  try {
    codeFeatures = checkSupportedInstructions(cx);
    checkImportsAndExports(cx, inComponent);
  } catch (error) {
    if (error instanceof WasmDecodeError) throw validationFailure(error);
    throw error;
  }
  checkEngineFeatures(cx, codeFeatures, features);
  return { cx, codeFeatures };
}

/** A copy with the shared bit of the given global flag bytes cleared. */
function unshared(input: Uint8Array, flagOffsets: readonly number[]): Uint8Array {
  const copy = input.slice();
  for (const at of flagOffsets) copy[at]! &= ~0x02;
  return copy;
}

export function validationFailure(error: unknown): WizerError {
  const message = error instanceof Error ? error.message : String(error);
  const cause = message.replace(/^WebAssembly\.\w+\(\): /, '');
  return new WizerError('wasm validation failed', { cause });
}
