/**
 * Phase 1: parse. Splits the input into sections and decodes the structures later phases need
 * (types, imports, functions, memories, globals, exports, data segments). Sections are kept as
 * ranges of the input so the rewrite can copy them byte for byte.
 *
 * Decode errors surface as `WasmDecodeError` with absolute offsets; the pipeline wraps them in
 * "wasm validation failed" as upstream does.
 */
import { opcodeName } from '../wasm/code.js';
import { ExternalKind, SectionId } from '../wasm/constants.js';
import { readLimits, readSections, readValType, type ValType } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import { valTypeRefusal } from './ref-types.js';
import type { DataSegment, FeatureUse, FuncType, GlobalDef, ModuleContext } from './context.js';

export function parseModule(bytes: Uint8Array): ModuleContext {
  const cx: ModuleContext = {
    bytes,
    sections: readSections(bytes),
    types: [],
    imports: [],
    funcTypeIndices: [],
    importedFuncCount: 0,
    tableCount: 0,
    memories: [],
    globals: [],
    exports: [],
    dataSegments: [],
    dataCount: undefined,
    tagCount: 0,
    features: {},
  };
  for (const section of cx.sections) {
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    switch (section.id) {
      case SectionId.Type:
        readTypes(r, cx);
        break;
      case SectionId.Import:
        readImports(r, cx);
        break;
      case SectionId.Function:
        for (let n = r.u32(); n > 0; n--) cx.funcTypeIndices.push(r.u32());
        break;
      case SectionId.Table: {
        const count = r.u32();
        cx.tableCount += count;
        for (let n = count; n > 0; n--) readTable(r, cx.features);
        break;
      }
      case SectionId.Memory:
        for (let n = r.u32(); n > 0; n--) {
          const at = r.pos;
          const limits = readLimits(r);
          if (limits.pageSizeLog2 !== undefined) cx.features.customPageSizeAt ??= at;
          cx.memories.push({
            limits,
            shared: (limits.flags & 0x02) !== 0,
            memory64: (limits.flags & 0x04) !== 0,
          });
        }
        break;
      case SectionId.Global:
        readGlobals(r, cx);
        break;
      case SectionId.Export:
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name();
          const kind = readExternalKind(r);
          cx.exports.push({ name, kind, index: r.u32() });
        }
        break;
      case SectionId.Element:
        readElements(r, cx.features, importedGlobals(cx));
        break;
      case SectionId.Data:
        readData(r, cx.dataSegments, cx.features, importedGlobals(cx));
        break;
      case SectionId.DataCount:
        cx.dataCount = r.u32();
        break;
      case SectionId.Tag:
        cx.features.exceptionsAt ??= section.payloadStart;
        cx.tagCount = r.u32();
        break;
      case SectionId.Start:
        r.u32(); // decoded here so a malformed index is a validation failure; instrument reads it
        break;
      default:
        continue; // custom and code sections need no decoding here
    }
  }
  return cx;
}

function importedGlobals(cx: ModuleContext): number {
  return cx.imports.filter((i) => i.kind === ExternalKind.Global).length;
}

function readTypes(r: BinaryReader, cx: ModuleContext): void {
  for (let n = r.u32(); n > 0; n--) {
    const at = r.pos;
    const form = r.peek();
    if (form === 0x4e) {
      // An explicit recursion group: GC proposal.
      cx.features.gc ??= {
        offset: at,
        reason: 'rec group usage requires `gc` proposal to be enabled',
      };
      r.u8();
      for (let k = r.u32(); k > 0; k--) cx.types.push(readSubType(r, cx.features));
    } else {
      cx.types.push(readSubType(r, cx.features));
    }
  }
}

function readSubType(r: BinaryReader, features: FeatureUse): FuncType | undefined {
  const at = r.pos;
  let form = r.u8();
  if (form === 0x50 || form === 0x4f) {
    // Without GC only a final type without supertypes passes (as a plain definition).
    const supertypes = r.u32();
    if (form === 0x50 || supertypes > 0) {
      features.gc ??= { offset: at, reason: 'gc proposal must be enabled to use subtypes' };
    }
    for (let k = supertypes; k > 0; k--) r.u32();
    form = r.u8();
  }
  switch (form) {
    case 0x60: {
      // wasmparser reports a refused parameter or result type at the function type.
      const params: ValType[] = [];
      for (let k = r.u32(); k > 0; k--) params.push(readModuleValType(r, features, at));
      const results: ValType[] = [];
      for (let k = r.u32(); k > 0; k--) results.push(readModuleValType(r, features, at));
      return { params, results, offset: at };
    }
    case 0x5f:
      features.gc ??= {
        offset: at,
        reason: 'struct indexed types not supported without the gc feature',
      };
      for (let k = r.u32(); k > 0; k--) readFieldType(r);
      return undefined;
    case 0x5e:
      features.gc ??= {
        offset: at,
        reason: 'array indexed types not supported without the gc feature',
      };
      readFieldType(r);
      return undefined;
    default:
      throw r.error(`invalid leading byte (0x${form.toString(16)}) for type definition`, at);
  }
}

/** A value type outside function bodies; notes the first one upstream's engine refuses. */
function readModuleValType(r: BinaryReader, features: FeatureUse, reportAt?: number): ValType {
  const at = r.pos;
  const type = readValType(r);
  if (features.refTypeRefusal === undefined) {
    const reason = valTypeRefusal(r.bytes, at, 'module');
    if (reason !== undefined) features.refTypeRefusal = { offset: reportAt ?? at, reason };
  }
  return type;
}

function readFieldType(r: BinaryReader): void {
  const code = r.peek();
  if (code === 0x78 || code === 0x77)
    r.u8(); // packed i8 / i16
  else readValType(r);
  r.u8(); // mutability
}

function readImports(r: BinaryReader, cx: ModuleContext): void {
  for (let n = r.u32(); n > 0; n--) {
    const module = r.name();
    const name = r.name();
    const kindAt = r.pos;
    const kind = readExternalKind(r);
    let typeIndex = -1;
    switch (kind) {
      case ExternalKind.Func:
        typeIndex = r.u32();
        cx.funcTypeIndices.push(typeIndex);
        cx.importedFuncCount++;
        break;
      case ExternalKind.Table:
        readValType(r);
        readLimits(r);
        break;
      case ExternalKind.Memory:
        readLimits(r);
        break;
      case ExternalKind.Global:
        readValType(r);
        r.u8();
        break;
      case ExternalKind.Tag:
        r.u8();
        typeIndex = r.u32();
        cx.features.exceptionsAt ??= kindAt;
        break;
    }
    cx.imports.push({ module, name, kind, typeIndex });
  }
}

function readExternalKind(r: BinaryReader): ExternalKind {
  const at = r.pos;
  const kind = r.u8();
  if (kind > ExternalKind.Tag) {
    throw r.error(`invalid leading byte (0x${kind.toString(16)}) for external kind`, at);
  }
  return kind as ExternalKind;
}

function readTable(r: BinaryReader, features: FeatureUse): void {
  if (r.peek() === 0x40) {
    // Table with an explicit initializer (function-references proposal, which the engine lacks).
    features.tableInitAt ??= r.pos;
    r.u8();
    r.u8();
    readModuleValType(r, features);
    readLimits(r);
    scanConstExpr(r, features);
    return;
  }
  readModuleValType(r, features);
  readLimits(r);
}

function readGlobals(r: BinaryReader, cx: ModuleContext): void {
  const imported = importedGlobals(cx);
  for (let n = r.u32(); n > 0; n--) {
    const at = r.pos;
    const type = readModuleValType(r, cx.features);
    const flagsAt = r.pos;
    const flags = r.u8();
    if (flags > 0x03) throw r.error('malformed global flags', flagsAt);
    if ((flags & 0x02) !== 0) {
      cx.features.sharedGlobalAt ??= at;
      (cx.features.sharedGlobalFlags ??= []).push(flagsAt);
    }
    const mutable = (flags & 0x01) !== 0;
    const initStart = r.pos;
    scanConstExpr(r, cx.features, imported);
    const global: GlobalDef = { type, mutable, initStart, initEnd: r.pos };
    cx.globals.push(global);
  }
}

function readElements(r: BinaryReader, features: FeatureUse, importedGlobals: number): void {
  for (let n = r.u32(); n > 0; n--) {
    const start = r.pos;
    const flags = r.u32();
    const passiveOrDeclared = (flags & 0x01) !== 0;
    const explicitTable = (flags & 0x02) !== 0;
    const usesExprs = (flags & 0x04) !== 0;
    if (!passiveOrDeclared) {
      if (explicitTable) r.u32();
      scanConstExpr(r, features, importedGlobals);
    }
    if (passiveOrDeclared || explicitTable) {
      // wasmparser reports a refused element type at the segment.
      if (usesExprs) readModuleValType(r, features, start);
      else r.u8(); // elemkind
    }
    for (let k = r.u32(); k > 0; k--) {
      if (usesExprs) scanConstExpr(r, features, importedGlobals);
      else r.u32();
    }
  }
}

function readData(
  r: BinaryReader,
  out: DataSegment[],
  features: FeatureUse,
  importedGlobals: number,
): void {
  for (let n = r.u32(); n > 0; n--) {
    const start = r.pos;
    const flags = r.u32();
    if (flags === 1) {
      r.skip(r.u32());
      out.push({ active: false, start, end: r.pos });
      continue;
    }
    if (flags === 2) r.u32();
    else if (flags !== 0) throw r.error(`invalid data segment flags ${flags}`, start);
    scanConstExpr(r, features, importedGlobals);
    r.skip(r.u32());
    out.push({ active: true, start, end: r.pos });
  }
}

/**
 * Skips a constant expression up to and including its `end`, noting constructs the engine
 * configuration refuses. Only the instructions allowed in constant expressions are decoded.
 */
export function scanConstExpr(r: BinaryReader, features: FeatureUse, importedGlobals = 0): void {
  for (;;) {
    const at = r.pos;
    const op = r.u8();
    switch (op) {
      case 0x0b:
        return;
      case 0x41:
        r.s32();
        break;
      case 0x42:
        r.s64();
        break;
      case 0x43:
        r.skip(4);
        break;
      case 0x44:
        r.skip(8);
        break;
      case 0x23:
        // Only imported globals may be read (a wizened module has none; a preload may).
        if (r.u32() >= importedGlobals) features.constGlobalGetAt ??= at;
        break;
      case 0xd0: // ref.null heaptype
        r.s33();
        break;
      case 0xd2: // ref.func
        r.u32();
        break;
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e: // extended-const arithmetic
        break;
      case 0xfd: {
        const sub = r.u32();
        if (sub !== 0x0c) throw r.error('constant expression required: non-constant operator', at);
        r.skip(16);
        break;
      }
      case 0xfb: {
        // GC constant instructions (struct.new, array.new_fixed, ref.i31, ...): GC is refused
        // later; skip their immediates generously enough to stay in sync for common forms.
        const sub = r.u32();
        const reason = `constant expression required: non-constant operator: ${opcodeName(op, sub)}`;
        features.gc ??= { offset: at, reason };
        if (sub === 0x08) {
          r.u32();
          r.u32();
        } // array.new_fixed type n
        else if (sub <= 0x07) r.u32(); // struct.new/_default, array.new/_default (type)
        break;
      }
      default:
        throw r.error('constant expression required: non-constant operator', at);
    }
  }
}
