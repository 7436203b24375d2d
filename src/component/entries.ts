/**
 * Decoders for the entries of the component layer's vector sections (Binary.md): sorts, extern
 * names and types, core instances, instances, aliases, canonical definitions, imports and
 * exports. Each decoder leaves the reader just past its entry and reports the byte positions of
 * the component function indices it read, so a rewrite can patch them in place.
 */
import type { BinaryReader } from '../wasm/reader.js';
import { readValType } from '../wasm/module.js';
import type { CoreSort, ExternType, Sort } from './binary.js';

const CORE_SORTS: Readonly<Record<number, CoreSort>> = {
  0x00: 'func',
  0x01: 'table',
  0x02: 'memory',
  0x03: 'global',
  0x04: 'tag',
  0x10: 'type',
  0x11: 'module',
  0x12: 'instance',
};

const SORTS: Readonly<Record<number, Sort>> = {
  0x01: 'func',
  0x02: 'value',
  0x03: 'type',
  0x04: 'component',
  0x05: 'instance',
};

function invalid(r: BinaryReader, byte: number, what: string, at: number): Error {
  return r.error(`invalid leading byte (0x${byte.toString(16)}) for ${what}`, at);
}

/** A `core:sort` byte. */
export function readCoreSort(r: BinaryReader): CoreSort {
  const at = r.pos;
  const byte = r.u8();
  const sort = CORE_SORTS[byte];
  if (sort === undefined) throw invalid(r, byte, 'core sort', at);
  return sort;
}

/** A `sort`: one byte, or `0x00` and a core sort. */
export function readSort(r: BinaryReader): Sort {
  const at = r.pos;
  const byte = r.u8();
  if (byte === 0x00) return `core ${readCoreSort(r)}`;
  const sort = SORTS[byte];
  if (sort === undefined) throw invalid(r, byte, 'sort', at);
  return sort;
}

/** A `nameattributes`: the extern name; attributes (implements, version suffix, id) are skipped. */
export function readExternName(r: BinaryReader): string {
  const at = r.pos;
  const tag = r.u8();
  if (tag === 0x00 || tag === 0x01) return r.name();
  if (tag !== 0x02) throw invalid(r, tag, 'component name', at);
  const name = r.name();
  for (let n = r.u32(); n > 0; n--) {
    const attrAt = r.pos;
    const attr = r.u8();
    if (attr > 0x02) throw invalid(r, attr, 'name attribute', attrAt);
    r.name();
  }
  return name;
}

/** A component `valtype`: a primitive type code or a type index (an s33). */
export function skipComponentValType(r: BinaryReader): void {
  const byte = r.peek();
  if ((byte >= 0x73 && byte <= 0x7f) || byte === 0x64) {
    r.u8();
    return;
  }
  const at = r.pos;
  if (r.s33() < 0) throw invalid(r, byte, 'component value type', at);
}

/** An `externtype`. */
export function readExternType(r: BinaryReader): ExternType {
  const at = r.pos;
  const byte = r.u8();
  switch (byte) {
    case 0x00: {
      const sortAt = r.pos;
      const core = r.u8();
      if (core !== 0x11) throw invalid(r, core, 'component external kind', sortAt);
      return { sort: 'core module', typeIndex: r.u32() };
    }
    case 0x01:
      return { sort: 'func', typeIndex: r.u32() };
    case 0x02:
      // wasmparser reads a value type here (Binary.md's `valuebound` is not what binaries carry).
      skipComponentValType(r);
      return { sort: 'value' };
    case 0x03: {
      const boundAt = r.pos;
      const bound = r.u8();
      if (bound === 0x00) return { sort: 'type', bound: 'eq', typeIndex: r.u32() };
      if (bound === 0x01) return { sort: 'type', bound: 'sub resource' };
      throw invalid(r, bound, 'type bound', boundAt);
    }
    case 0x04:
      return { sort: 'component', typeIndex: r.u32() };
    case 0x05:
      return { sort: 'instance', typeIndex: r.u32() };
    default:
      throw invalid(r, byte, 'component external kind', at);
  }
}

/** A component function index read from the binary, with where its LEB128 sits. */
export interface IndexAt {
  index: number;
  start: number;
  end: number;
}

function indexAt(r: BinaryReader): IndexAt {
  const start = r.pos;
  const index = r.u32();
  return { index, start, end: r.pos };
}

/** A `sortidx`, with the position of its index. */
export interface SortIdx {
  sort: Sort;
  at: IndexAt;
}

/** A `sortidx` naming a component-level item: a core sort other than `module` is malformed. */
export function readSortIdx(r: BinaryReader): SortIdx {
  const at = r.pos;
  const sort = readSort(r);
  if (sort.startsWith('core ') && sort !== 'core module') {
    throw invalid(r, r.bytes[at + 1]!, 'component external kind', at + 1);
  }
  return { sort, at: indexAt(r) };
}

/** A `core:instance`. */
export type CoreInstanceEntry =
  | { kind: 'instantiate'; module: number; args: { name: string; instance: number }[] }
  | { kind: 'exports'; exports: { name: string; sort: CoreSort; index: number }[] };

export function readCoreInstance(r: BinaryReader): CoreInstanceEntry {
  const at = r.pos;
  const tag = r.u8();
  if (tag === 0x00) {
    const module = r.u32();
    const args: { name: string; instance: number }[] = [];
    for (let n = r.u32(); n > 0; n--) {
      const name = r.name();
      const kindAt = r.pos;
      const kind = r.u8();
      if (kind !== 0x12) throw invalid(r, kind, 'instantiation arg kind', kindAt);
      args.push({ name, instance: r.u32() });
    }
    return { kind: 'instantiate', module, args };
  }
  if (tag === 0x01) {
    const exports: { name: string; sort: CoreSort; index: number }[] = [];
    for (let n = r.u32(); n > 0; n--) {
      const name = r.name();
      const sort = readCoreSort(r);
      exports.push({ name, sort, index: r.u32() });
    }
    return { kind: 'exports', exports };
  }
  throw invalid(r, tag, 'core instance', at);
}

/** An `instance` of the component layer. */
export type InstanceEntry =
  | { kind: 'instantiate'; component: number; args: { name: string; item: SortIdx }[] }
  | { kind: 'exports'; exports: { name: string; item: SortIdx }[] };

export function readInstance(r: BinaryReader): InstanceEntry {
  const at = r.pos;
  const tag = r.u8();
  if (tag === 0x00) {
    const component = r.u32();
    const args: { name: string; item: SortIdx }[] = [];
    for (let n = r.u32(); n > 0; n--) args.push({ name: r.name(), item: readSortIdx(r) });
    return { kind: 'instantiate', component, args };
  }
  if (tag === 0x01) {
    const exports: { name: string; item: SortIdx }[] = [];
    for (let n = r.u32(); n > 0; n--)
      exports.push({ name: readExternName(r), item: readSortIdx(r) });
    return { kind: 'exports', exports };
  }
  throw invalid(r, tag, 'instance', at);
}

/** An `alias`. */
export type AliasEntry =
  | { kind: 'export'; sort: Sort; instance: number; name: string }
  | { kind: 'core export'; sort: Sort; instance: number; name: string }
  | { kind: 'outer'; sort: Sort; count: number; index: number };

export function readAlias(r: BinaryReader): AliasEntry {
  const sortAt = r.pos;
  const sort = readSort(r);
  const tagAt = r.pos;
  const tag = r.u8();
  switch (tag) {
    case 0x00:
      if (sort.startsWith('core ') && sort !== 'core module') {
        throw invalid(r, r.bytes[sortAt + 1]!, 'component external kind', sortAt + 1);
      }
      return { kind: 'export', sort, instance: r.u32(), name: r.name() };
    case 0x01:
      if (!['core func', 'core table', 'core memory', 'core global', 'core tag'].includes(sort)) {
        throw invalid(r, r.bytes[sortAt]!, 'core instance export kind', sortAt);
      }
      return { kind: 'core export', sort, instance: r.u32(), name: r.name() };
    case 0x02:
      if (!['core type', 'core module', 'type', 'component'].includes(sort)) {
        throw invalid(r, r.bytes[sortAt]!, 'component outer alias kind', sortAt);
      }
      return { kind: 'outer', sort, count: r.u32(), index: r.u32() };
    default:
      throw invalid(r, tag, 'alias', tagAt);
  }
}

/** A `canon`: only what the index spaces need; the other immediates are skipped. */
export type CanonEntry =
  | { kind: 'lift'; coreFunc: number; typeIndex: number }
  | { kind: 'lower'; func: IndexAt }
  /** Every other canonical built-in defines one core function. */
  | { kind: 'core func'; opcode: number };

function skipCanonOpts(r: BinaryReader): void {
  for (let n = r.u32(); n > 0; n--) {
    const at = r.pos;
    const opt = r.u8();
    if (opt === 0x03 || opt === 0x04 || opt === 0x05 || opt === 0x07 || opt === 0x08) r.u32();
    else if (opt > 0x09) throw invalid(r, opt, 'canonical option', at);
  }
}

function readBool(r: BinaryReader): void {
  const at = r.pos;
  const byte = r.u8();
  if (byte > 1) throw r.error(`invalid boolean value (0x${byte.toString(16)})`, at);
}

function skipResultList(r: BinaryReader): void {
  const at = r.pos;
  const tag = r.u8();
  if (tag === 0x00) skipComponentValType(r);
  else if (tag === 0x01) {
    const zeroAt = r.pos;
    const zero = r.u8();
    if (zero !== 0x00) throw invalid(r, zero, 'component function results', zeroAt);
  } else throw invalid(r, tag, 'component function results', at);
}

export function readCanon(r: BinaryReader): CanonEntry {
  const at = r.pos;
  const opcode = r.u8();
  switch (opcode) {
    case 0x00:
    case 0x01: {
      const sortAt = r.pos;
      const sort = r.u8();
      if (sort !== 0x00) throw invalid(r, sort, 'canonical function', sortAt);
      if (opcode === 0x00) {
        const coreFunc = r.u32();
        skipCanonOpts(r);
        return { kind: 'lift', coreFunc, typeIndex: r.u32() };
      }
      const func = indexAt(r);
      skipCanonOpts(r);
      return { kind: 'lower', func };
    }
    // resource.new/drop/rep, stream/future new and drops: one type index.
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x0e:
    case 0x13:
    case 0x14:
    case 0x15:
    case 0x1a:
    case 0x1b:
    case 0x40: // thread.spawn-ref: a core type index
      r.u32();
      break;
    // No immediates.
    case 0x05:
    case 0x0d:
    case 0x1e:
    case 0x1f:
    case 0x22:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x28:
    case 0x42:
      break;
    case 0x09: // task.return
      skipResultList(r);
      skipCanonOpts(r);
      break;
    case 0x0a: // context.get / context.set: a core value type and a slot
    case 0x0b:
      readValType(r);
      r.u32();
      break;
    // A boolean (async? / cancel?).
    case 0x06:
    case 0x0c:
    case 0x29:
    case 0x2a:
    case 0x2b:
    case 0x2c:
    case 0x2d:
      readBool(r);
      break;
    // A type index and options.
    case 0x0f:
    case 0x10:
    case 0x16:
    case 0x17:
      r.u32();
      skipCanonOpts(r);
      break;
    // A type index and a boolean.
    case 0x11:
    case 0x12:
    case 0x18:
    case 0x19:
      r.u32();
      readBool(r);
      break;
    case 0x1c:
    case 0x1d:
      skipCanonOpts(r);
      break;
    case 0x20: // waitable-set.wait / poll: cancel? and a memory index
    case 0x21:
      readBool(r);
      r.u32();
      break;
    case 0x27: // thread.new-indirect: a core type and a table
    case 0x41:
      r.u32();
      r.u32();
      break;
    default:
      throw invalid(r, opcode, 'canonical function', at);
  }
  return { kind: 'core func', opcode };
}

/** An `import`. */
export function readImport(r: BinaryReader): { name: string; type: ExternType } {
  return { name: readExternName(r), type: readExternType(r) };
}

/** An `export`. */
export interface ExportEntry {
  name: string;
  item: SortIdx;
  ascription: ExternType | undefined;
}

export function readExport(r: BinaryReader): ExportEntry {
  const name = readExternName(r);
  const item = readSortIdx(r);
  const at = r.pos;
  const flag = r.u8();
  if (flag > 0x01) throw invalid(r, flag, 'optional component export type', at);
  return { name, item, ascription: flag === 0x01 ? readExternType(r) : undefined };
}
