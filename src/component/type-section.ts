/**
 * Decoders for type definitions of the component layer (Binary.md "Type Definitions"). Entries of
 * a type section carry no size prefix, so finding the next one means walking the whole grammar;
 * only what `findInitExport` uses is kept: the export (and import) declarations of instance and
 * component types, the shape of function types, and the value types of function parameters and
 * results (for WAVE init calls, wave.ts). A value type refers to earlier types by index; those
 * are resolved while decoding, in the index space the type is decoded in (a type known only
 * through an alias of an instance export stays `unknown`).
 */
import { readLimits, readValType } from '../wasm/module.js';
import type { BinaryReader } from '../wasm/reader.js';
import type { DeclaredItem, TypeSummary } from './binary.js';
import type { PrimitiveKind, WaveSignature, WaveType } from './wave.js';
import { readAlias, readExternName, readExternType, skipComponentValType } from './entries.js';

function invalid(r: BinaryReader, byte: number, what: string, at: number): Error {
  return r.error(`invalid leading byte (0x${byte.toString(16)}) for ${what}`, at);
}

function skipOptional(r: BinaryReader, what: string, item: () => void): void {
  const at = r.pos;
  const flag = r.u8();
  if (flag === 0x01) item();
  else if (flag !== 0x00) throw invalid(r, flag, what, at);
}

/**
 * Types nest (instance types in component types in instance types...): a bound on the depth
 * keeps a hostile input from exhausting the stack. Real components nest a handful of levels.
 */
export const MAX_NESTING = 100;

export function checkDepth(r: BinaryReader, depth: number): void {
  if (depth > MAX_NESTING) throw r.error(`nesting too deep (more than ${MAX_NESTING} levels)`);
}

// --- core types -------------------------------------------------------------------------------

function skipStorageType(r: BinaryReader): void {
  const byte = r.peek();
  if (byte === 0x78 || byte === 0x77) r.u8();
  else readValType(r);
}

function skipFieldType(r: BinaryReader): void {
  skipStorageType(r);
  const at = r.pos;
  const mut = r.u8();
  if (mut > 0x01) throw r.error('malformed mutability', at);
}

/** A `comptype` (func, struct, array, cont), optionally `shared` or with descriptor clauses. */
function skipCompType(r: BinaryReader): void {
  let at = r.pos;
  let byte = r.u8();
  // Prefixes: shared (0x65), descriptor (0x4d idx), describes (0x4c idx).
  while (byte === 0x65 || byte === 0x4d || byte === 0x4c) {
    if (byte !== 0x65) r.u32();
    at = r.pos;
    byte = r.u8();
  }
  switch (byte) {
    case 0x60:
      for (let n = r.u32(); n > 0; n--) readValType(r);
      for (let n = r.u32(); n > 0; n--) readValType(r);
      return;
    case 0x5f:
      for (let n = r.u32(); n > 0; n--) skipFieldType(r);
      return;
    case 0x5e:
      skipFieldType(r);
      return;
    case 0x5d:
      r.s33();
      return;
    default:
      throw invalid(r, byte, 'composite type', at);
  }
}

function skipSubType(r: BinaryReader): void {
  const byte = r.peek();
  if (byte === 0x50 || byte === 0x4f) {
    r.u8();
    for (let n = r.u32(); n > 0; n--) r.u32();
  }
  skipCompType(r);
}

function skipCoreExternType(r: BinaryReader): void {
  const at = r.pos;
  const kind = r.u8();
  switch (kind) {
    case 0x00: // func
      r.u32();
      return;
    case 0x01: // table
      readValType(r);
      readLimits(r);
      return;
    case 0x02: // memory
      readLimits(r);
      return;
    case 0x03: {
      // global
      readValType(r);
      const mutAt = r.pos;
      if (r.u8() > 0x03) throw r.error('malformed mutability', mutAt);
      return;
    }
    case 0x04: {
      // tag
      const attrAt = r.pos;
      const attr = r.u8();
      if (attr !== 0x00) throw invalid(r, attr, 'tag attribute', attrAt);
      r.u32();
      return;
    }
    default:
      throw invalid(r, kind, 'external kind', at);
  }
}

/** A `core:type` of a component: a rec group, a `0x00`-prefixed non-final sub, or a module type. */
export function skipCoreType(r: BinaryReader, depth = 0): void {
  checkDepth(r, depth);
  const byte = r.peek();
  if (byte === 0x00) {
    r.u8();
    const sub = r.peek();
    if (sub !== 0x50) throw invalid(r, sub, 'non-final sub type', r.pos);
    skipSubType(r);
    return;
  }
  if (byte === 0x50) {
    r.u8();
    for (let n = r.u32(); n > 0; n--) {
      const declAt = r.pos;
      const decl = r.u8();
      switch (decl) {
        case 0x00: // import
          r.name();
          r.name();
          skipCoreExternType(r);
          break;
        case 0x01: // type
          skipCoreType(r, depth + 1);
          break;
        case 0x02: {
          // outer alias of a type
          const sortAt = r.pos;
          const sort = r.u8();
          if (sort !== 0x10) throw invalid(r, sort, 'outer alias kind', sortAt);
          const tagAt = r.pos;
          const tag = r.u8();
          if (tag !== 0x01) throw invalid(r, tag, 'outer alias', tagAt);
          r.u32();
          r.u32();
          break;
        }
        case 0x03: // export
          r.name();
          skipCoreExternType(r);
          break;
        default:
          throw invalid(r, decl, 'module type declaration', declAt);
      }
    }
    return;
  }
  if (byte === 0x4e) {
    r.u8();
    for (let n = r.u32(); n > 0; n--) skipSubType(r);
    return;
  }
  skipSubType(r);
}

// --- component types --------------------------------------------------------------------------

/** Resolves a type index of the index space being decoded (undefined: not known). */
export type TypeLookup = (index: number) => TypeSummary | undefined;

const PRIMITIVES: Readonly<Record<number, PrimitiveKind>> = {
  0x7f: 'bool',
  0x7e: 's8',
  0x7d: 'u8',
  0x7c: 's16',
  0x7b: 'u16',
  0x7a: 's32',
  0x79: 'u32',
  0x78: 's64',
  0x77: 'u64',
  0x76: 'f32',
  0x75: 'f64',
  0x74: 'char',
  0x73: 'string',
};

const UNKNOWN: WaveType = { kind: 'unknown' };

/** A `valtype`: a primitive, or a type index resolved through `lookup` when it can be. */
function readValueType(r: BinaryReader, lookup: TypeLookup | undefined): WaveType {
  const byte = r.peek();
  if ((byte >= 0x73 && byte <= 0x7f) || byte === 0x64) {
    r.u8();
    const kind = PRIMITIVES[byte];
    return kind === undefined ? { kind: 'unsupported', name: 'error-context' } : { kind };
  }
  const at = r.pos;
  skipComponentValType(r);
  r.pos = at;
  const index = r.s33();
  const summary = lookup?.(index);
  return summary?.kind === 'value' ? (summary.type ?? UNKNOWN) : UNKNOWN;
}

function readOptionalType(
  r: BinaryReader,
  what: string,
  lookup: TypeLookup | undefined,
): WaveType | undefined {
  let type: WaveType | undefined;
  skipOptional(r, what, () => (type = readValueType(r, lookup)));
  return type;
}

/** A `defvaltype` other than a primitive, as far as WAVE values need it. */
function readDefinedValType(
  r: BinaryReader,
  code: number,
  at: number,
  lookup: TypeLookup | undefined,
): WaveType {
  switch (code) {
    case 0x72: {
      const fields: { name: string; type: WaveType }[] = [];
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        fields.push({ name, type: readValueType(r, lookup) });
      }
      return { kind: 'record', fields };
    }
    case 0x71: {
      const cases: { name: string; type: WaveType | undefined }[] = [];
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        cases.push({ name, type: readOptionalType(r, 'optional variant case type', lookup) });
        const zeroAt = r.pos;
        const zero = r.u8();
        if (zero !== 0x00) throw invalid(r, zero, 'zero byte required', zeroAt);
      }
      return { kind: 'variant', cases };
    }
    case 0x70:
      return { kind: 'list', element: readValueType(r, lookup) };
    case 0x6b:
      return { kind: 'option', type: readValueType(r, lookup) };
    case 0x67: // fixed-length list
      skipComponentValType(r);
      r.u32();
      return UNKNOWN;
    case 0x63: // map
      skipComponentValType(r);
      skipComponentValType(r);
      return UNKNOWN;
    case 0x6f: {
      const types: WaveType[] = [];
      for (let n = r.u32(); n > 0; n--) types.push(readValueType(r, lookup));
      return { kind: 'tuple', types };
    }
    case 0x6e:
    case 0x6d: {
      const names: string[] = [];
      for (let n = r.u32(); n > 0; n--) names.push(r.name());
      return { kind: code === 0x6e ? 'flags' : 'enum', names };
    }
    case 0x6a: {
      const ok = readOptionalType(r, 'optional result type', lookup);
      const err = readOptionalType(r, 'optional error type', lookup);
      return { kind: 'result', ok, err };
    }
    case 0x69:
    case 0x68:
      r.u32();
      return { kind: 'unsupported', name: code === 0x69 ? 'own' : 'borrow' };
    case 0x66:
    case 0x65:
      skipOptional(r, 'optional payload type', () => skipComponentValType(r));
      return { kind: 'unsupported', name: code === 0x66 ? 'stream' : 'future' };
    default:
      throw invalid(r, code, 'component defined type', at);
  }
}

/**
 * Declarations of an instance type (`0x42`) or component type (`0x41`). The type's own type
 * index space is followed (type declarations, type exports and imports, aliases) so a declared
 * function gets its shape when its type is declared inside; types from outside stay unknown.
 */
function readDecls(r: BinaryReader, component: boolean, depth: number): TypeSummary {
  const imports: DeclaredItem[] = [];
  const exports: DeclaredItem[] = [];
  const types: (TypeSummary | undefined)[] = [];
  const item = (): DeclaredItem => {
    const name = readExternName(r);
    const type = readExternType(r);
    if (type.sort === 'type') {
      const declared = type.bound === 'eq' ? types[type.typeIndex] : { kind: 'resource' as const };
      types.push(declared);
      if (declared?.kind === 'value') return { name, type, typeSummary: declared };
    }
    const summary = type.sort === 'func' ? types[type.typeIndex] : undefined;
    return summary?.kind === 'func'
      ? {
          name,
          type,
          funcType: {
            params: summary.params,
            results: summary.results,
            async: summary.async,
            signature: summary.signature,
          },
        }
      : { name, type };
  };
  for (let n = r.u32(); n > 0; n--) {
    const at = r.pos;
    const decl = r.u8();
    switch (decl) {
      case 0x00:
        skipCoreType(r, depth + 1);
        break;
      case 0x01:
        types.push(readComponentType(r, depth + 1, (i) => types[i]));
        break;
      case 0x02: {
        const alias = readAlias(r);
        if (alias.sort === 'type') types.push(undefined);
        break;
      }
      case 0x03:
        if (!component) throw invalid(r, decl, 'component or instance type declaration', at);
        imports.push(item());
        break;
      case 0x04:
        exports.push(item());
        break;
      default:
        throw invalid(r, decl, 'component or instance type declaration', at);
    }
  }
  return component ? { kind: 'component', imports, exports } : { kind: 'instance', exports };
}

function readParams(r: BinaryReader, lookup: TypeLookup | undefined): WaveSignature['params'] {
  const params: WaveSignature['params'] = [];
  for (let n = r.u32(); n > 0; n--) {
    const name = r.name();
    params.push({ name, type: readValueType(r, lookup) });
  }
  return params;
}

/**
 * A component `type` (deftype). `lookup` resolves type indices of the index space it is decoded
 * in, so function signatures and value types get their parts where they are known.
 */
export function readComponentType(r: BinaryReader, depth = 0, lookup?: TypeLookup): TypeSummary {
  checkDepth(r, depth);
  const at = r.pos;
  const code = r.u8();
  switch (code) {
    case 0x3f: // resource
      readValType(r);
      skipOptional(r, 'resource destructor', () => r.u32());
      return { kind: 'resource' };
    case 0x40:
    case 0x43: {
      const params = readParams(r, lookup);
      const resultAt = r.pos;
      const tag = r.u8();
      let results: WaveSignature['params'];
      if (tag === 0x00) results = [{ name: '', type: readValueType(r, lookup) }];
      // `0x01 0x00` is "no result"; older binaries named their results here.
      else if (tag === 0x01) results = readParams(r, lookup);
      else throw invalid(r, tag, 'component function results', resultAt);
      const [only] = results;
      return {
        kind: 'func',
        async: code === 0x43,
        params: params.length,
        results: results.length,
        // Several (named) results: no single result type to describe.
        signature: results.length > 1 ? undefined : { params, result: only?.type },
      };
    }
    case 0x41:
      return readDecls(r, true, depth);
    case 0x42:
      return readDecls(r, false, depth);
    default: {
      const kind = PRIMITIVES[code];
      if (kind !== undefined) return { kind: 'value', type: { kind } };
      if (code === 0x64)
        return { kind: 'value', type: { kind: 'unsupported', name: 'error-context' } };
      return { kind: 'value', type: readDefinedValType(r, code, at, lookup) };
    }
  }
}
