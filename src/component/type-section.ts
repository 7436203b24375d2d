/**
 * Decoders for type definitions of the component layer (Binary.md "Type Definitions"). Entries of
 * a type section carry no size prefix, so finding the next one means walking the whole grammar;
 * only what `findInitExport` uses is kept: the export (and import) declarations of instance and
 * component types and the shape of function types.
 */
import { readLimits, readValType } from '../wasm/module.js';
import type { BinaryReader } from '../wasm/reader.js';
import type { DeclaredItem, TypeSummary } from './binary.js';
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

function skipDefinedValType(r: BinaryReader, code: number, at: number): void {
  switch (code) {
    case 0x72: // record
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        skipComponentValType(r);
      }
      return;
    case 0x71: // variant
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        skipOptional(r, 'optional variant case type', () => skipComponentValType(r));
        const zeroAt = r.pos;
        const zero = r.u8();
        if (zero !== 0x00) throw invalid(r, zero, 'zero byte required', zeroAt);
      }
      return;
    case 0x70: // list
    case 0x6b: // option
      skipComponentValType(r);
      return;
    case 0x67: // fixed-length list
      skipComponentValType(r);
      r.u32();
      return;
    case 0x63: // map
      skipComponentValType(r);
      skipComponentValType(r);
      return;
    case 0x6f: // tuple
      for (let n = r.u32(); n > 0; n--) skipComponentValType(r);
      return;
    case 0x6e: // flags
    case 0x6d: // enum
      for (let n = r.u32(); n > 0; n--) r.name();
      return;
    case 0x6a: // result
      skipOptional(r, 'optional result type', () => skipComponentValType(r));
      skipOptional(r, 'optional error type', () => skipComponentValType(r));
      return;
    case 0x69: // own
    case 0x68: // borrow
      r.u32();
      return;
    case 0x66: // stream
    case 0x65: // future
      skipOptional(r, 'optional payload type', () => skipComponentValType(r));
      return;
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
      types.push(type.bound === 'eq' ? types[type.typeIndex] : { kind: 'resource' });
    }
    const summary = type.sort === 'func' ? types[type.typeIndex] : undefined;
    return summary?.kind === 'func'
      ? {
          name,
          type,
          funcType: { params: summary.params, results: summary.results, async: summary.async },
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
        types.push(readComponentType(r, depth + 1));
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

function countParamsAndSkip(r: BinaryReader): number {
  const count = r.u32();
  for (let n = count; n > 0; n--) {
    r.name();
    skipComponentValType(r);
  }
  return count;
}

/** A component `type` (deftype). */
export function readComponentType(r: BinaryReader, depth = 0): TypeSummary {
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
      const params = countParamsAndSkip(r);
      const resultAt = r.pos;
      const tag = r.u8();
      let results: number;
      if (tag === 0x00) {
        skipComponentValType(r);
        results = 1;
      } else if (tag === 0x01) {
        // `0x01 0x00` is "no result"; older binaries named their results here.
        results = countParamsAndSkip(r);
      } else throw invalid(r, tag, 'component function results', resultAt);
      return { kind: 'func', async: code === 0x43, params, results };
    }
    case 0x41:
      return readDecls(r, true, depth);
    case 0x42:
      return readDecls(r, false, depth);
    default:
      if ((code >= 0x73 && code <= 0x7f) || code === 0x64) return { kind: 'value' };
      skipDefinedValType(r, code, at);
      return { kind: 'value' };
  }
}
