/**
 * Binary module fragments, each using one encoding that a proposal behind upstream's
 * `--wasm-*=false` switches introduced (or none, or one upstream's engine refuses anyway), and a
 * small builder that combines them into one valid module. Bytes, not WAT: wabt normalises some of
 * these encodings away (element segment forms, overlong zero bytes, memargs naming memory 0).
 */
import { nameBytes } from './fixture.js';

/** The six proposals upstream 11 can switch off (`--wasm-<name>=false`). */
export type Proposal =
  'multi-memory' | 'multi-value' | 'bulk-memory' | 'simd' | 'relaxed-simd' | 'reference-types';

export const PROPOSALS: readonly Proposal[] = [
  'multi-memory',
  'multi-value',
  'bulk-memory',
  'simd',
  'relaxed-simd',
  'reference-types',
];

type Bytes = number[];

const I32 = 0x7f;
const I64 = 0x7e;
const V128 = 0x7b;
const FUNCREF = 0x70;
const EXTERNREF = 0x6f;
const ANYREF = 0x6e;
const END = 0x0b;
const DROP = 0x1a;
const V128_CONST = (lane: number): Bytes => [0xfd, 0x0c, ...new Array<number>(16).fill(lane)];

function leb(value: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const vec = (items: Bytes[]): Bytes => [...leb(items.length), ...items.flat()];

/** Collects the parts of one module; `build` adds the exported init function last. */
export class ModuleBuilder {
  private readonly types: Bytes[] = [[0x60, 0, 0]];
  private readonly funcs: Array<{ type: number; locals: Bytes[]; body: Bytes }> = [];
  private readonly tables: Bytes[] = [];
  private readonly memories: Bytes[] = [];
  private readonly globals: Bytes[] = [];
  private readonly elems: Bytes[] = [];
  private readonly datas: Bytes[] = [];
  /** Emit a data count section. */
  dataCount = false;
  /** Instructions of the init function (each fragment's leave the stack empty). */
  readonly init: Bytes = [];

  /** Type index 0 is `[] -> []`. */
  type(params: number[], results: number[]): number {
    return (
      this.types.push([0x60, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))]) - 1
    );
  }
  /** A type definition given in bytes (GC forms). */
  rawType(entry: Bytes): number {
    return this.types.push(entry) - 1;
  }
  /** A function (no imports, so the index is its position); `locals` are encoded groups. */
  func(type: number, body: Bytes, locals: Bytes[] = []): number {
    return this.funcs.push({ type, locals, body }) - 1;
  }
  table(entry: Bytes): number {
    return this.tables.push(entry) - 1;
  }
  memory(entry: Bytes): number {
    return this.memories.push(entry) - 1;
  }
  global(entry: Bytes): number {
    return this.globals.push(entry) - 1;
  }
  elem(entry: Bytes): number {
    return this.elems.push(entry) - 1;
  }
  data(entry: Bytes): number {
    return this.datas.push(entry) - 1;
  }

  build(): Uint8Array {
    const initIndex = this.func(0, this.init);
    const code = this.funcs.map((f) => {
      const body = [...vec(f.locals), ...f.body, END];
      return [...leb(body.length), ...body];
    });
    const sections: Array<[number, Bytes]> = [
      [1, vec(this.types)],
      [3, vec(this.funcs.map((f) => leb(f.type)))],
    ];
    if (this.tables.length) sections.push([4, vec(this.tables)]);
    if (this.memories.length) sections.push([5, vec(this.memories)]);
    if (this.globals.length) sections.push([6, vec(this.globals)]);
    sections.push([7, vec([[...nameBytes('wizer-initialize'), 0, ...leb(initIndex)]])]);
    if (this.elems.length) sections.push([9, vec(this.elems)]);
    if (this.dataCount) sections.push([12, leb(this.datas.length)]);
    sections.push([10, vec(code)]);
    if (this.datas.length) sections.push([11, vec(this.datas)]);
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    for (const [id, payload] of sections) out.push(id, ...leb(payload.length), ...payload);
    return new Uint8Array(out);
  }
}

export interface ProposalFragment {
  name: string;
  /** The proposal whose encoding it uses; undefined for plain code and engine refusals. */
  proposal?: Proposal;
  /** Upstream's root cause when only its proposal is off; undefined if upstream accepts it. */
  refusedWith?: string;
  /** Needs a funcref table 0 (at least 4 entries) or a memory 0. */
  table0?: boolean;
  memory0?: boolean;
  add(b: ModuleBuilder): void;
}

/** Every encoding the six proposals added that a module can carry, one fragment each. */
export const FRAGMENTS: readonly ProposalFragment[] = [
  // Reference types.
  {
    name: 'an immutable funcref global (ref.func) and a declared element',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add(b) {
      const f = b.func(0, []);
      b.global([FUNCREF, 0, 0xd2, f, END]);
      b.elem([3, 0, 1, f]);
    },
  },
  {
    name: 'an externref table',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.table([EXTERNREF, 0, 1]),
  },
  {
    name: 'a second funcref table',
    refusedWith: 'multiple tables',
    proposal: 'reference-types',
    table0: true,
    add: (b) => b.table([FUNCREF, 0, 1]),
  },
  {
    name: 'a (ref null func) table',
    proposal: 'reference-types',
    add: (b) => b.table([0x63, FUNCREF, 0, 1]),
  },
  {
    name: 'a funcref parameter',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.func(b.type([FUNCREF], []), []),
  },
  {
    name: 'an externref result',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.func(b.type([], [EXTERNREF]), [0xd0, EXTERNREF]),
  },
  {
    name: 'a funcref local',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) =>
      b.func(
        0,
        [],
        [
          [1, I32],
          [1, FUNCREF],
        ],
      ),
  },
  {
    name: 'ref.null and ref.is_null',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.init.push(0xd0, FUNCREF, 0xd1, DROP),
  },
  {
    name: 'a typed select of i32',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.init.push(0x41, 1, 0x41, 2, 0x41, 0, 0x1c, 1, I32, DROP),
  },
  {
    name: 'table.size and table.get',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    table0: true,
    add: (b) => b.init.push(0xfc, 16, 0, DROP, 0x41, 0, 0x25, 0, DROP),
  },
  {
    name: 'ref.func in code (declared by an MVP element)',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    table0: true,
    add(b) {
      const f = b.func(0, []);
      b.elem([0, 0x41, 0, END, 1, f]);
      b.func(0, [0xd2, f, DROP]);
    },
  },
  {
    name: 'a block of funcref',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.init.push(0x02, FUNCREF, 0xd0, FUNCREF, END, DROP),
  },
  {
    name: 'call_indirect with an overlong table index',
    refusedWith: 'zero byte expected',
    proposal: 'reference-types',
    table0: true,
    add: (b) => b.func(0, [0x41, 3, 0x11, 0, 0x80, 0x00]),
  },
  {
    name: 'an active element of expressions (flags 4)',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    table0: true,
    add(b) {
      const f = b.func(0, []);
      b.elem([4, 0x41, 1, END, 1, 0xd2, f, END]);
    },
  },
  {
    name: 'a passive element of funcref expressions (flags 5)',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add(b) {
      const f = b.func(0, []);
      b.elem([5, FUNCREF, 2, 0xd2, f, END, 0xd0, FUNCREF, END]);
    },
  },
  {
    name: 'a passive element of externref (flags 5)',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add: (b) => b.elem([5, EXTERNREF, 1, 0xd0, EXTERNREF, END]),
  },
  {
    name: 'an element with table 0 and expressions (flags 6)',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    table0: true,
    add(b) {
      const f = b.func(0, []);
      b.elem([6, 0, 0x41, 2, END, FUNCREF, 1, 0xd2, f, END]);
    },
  },
  {
    name: 'a declared element of expressions (flags 7)',
    refusedWith: 'reference types support is not enabled',
    proposal: 'reference-types',
    add(b) {
      const f = b.func(0, []);
      b.elem([7, FUNCREF, 1, 0xd2, f, END]);
    },
  },
  {
    name: 'an element with an explicit table 0 (flags 2)',
    proposal: 'reference-types',
    table0: true,
    add(b) {
      const f = b.func(0, []);
      b.elem([2, 0, 0x41, 3, END, 0, 1, f]);
    },
  },
  // Bulk memory.
  {
    name: 'a passive data segment',
    refusedWith: 'passive data segments require the bulk-memory proposal',
    proposal: 'bulk-memory',
    memory0: true,
    add: (b) => b.data([1, 2, 0x61, 0x62]),
  },
  {
    name: 'memory.init of an active segment (length 0)',
    refusedWith: 'bulk memory support is not enabled',
    proposal: 'bulk-memory',
    memory0: true,
    add(b) {
      const d = b.data([0, 0x41, 0, END, 1, 0x7a]);
      b.dataCount = true;
      b.init.push(0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 8, d, 0);
    },
  },
  {
    name: 'memory.copy',
    refusedWith: 'bulk memory support is not enabled',
    proposal: 'bulk-memory',
    memory0: true,
    add: (b) => b.init.push(0x41, 0, 0x41, 8, 0x41, 4, 0xfc, 10, 0, 0),
  },
  {
    name: 'memory.fill',
    refusedWith: 'bulk memory support is not enabled',
    proposal: 'bulk-memory',
    memory0: true,
    add: (b) => b.init.push(0x41, 32, 0x41, 7, 0x41, 4, 0xfc, 11, 0),
  },
  {
    name: 'a passive element segment of functions',
    refusedWith: 'bulk memory must be enabled',
    proposal: 'bulk-memory',
    add(b) {
      const f = b.func(0, []);
      b.elem([1, 0, 1, f]);
    },
  },
  {
    name: 'a declared element segment of functions',
    refusedWith: 'bulk memory must be enabled',
    proposal: 'bulk-memory',
    add(b) {
      const f = b.func(0, []);
      b.elem([3, 0, 1, f]);
    },
  },
  {
    name: 'a data count section',
    proposal: 'bulk-memory',
    add: (b) => void (b.dataCount = true),
  },
  {
    name: 'an active data segment naming memory 0 (flags 2)',
    proposal: 'bulk-memory',
    memory0: true,
    add: (b) => b.data([2, 0, 0x41, 16, END, 1, 0x63]),
  },
  // Multi-value.
  {
    name: 'a function with two results',
    refusedWith: 'func type returns multiple values but the multi-value feature is not enabled',
    proposal: 'multi-value',
    add: (b) => b.func(b.type([], [I32, I64]), [0x41, 0, 0x42, 0]),
  },
  {
    name: 'a call of a two-result function',
    refusedWith: 'func type returns multiple values but the multi-value feature is not enabled',
    proposal: 'multi-value',
    add(b) {
      const f = b.func(b.type([], [I32, I64]), [0x41, 1, 0x42, 2]);
      b.init.push(0x10, f, DROP, DROP);
    },
  },
  {
    name: 'a block with a parameter',
    refusedWith:
      'blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled',
    proposal: 'multi-value',
    add(b) {
      const t = b.type([I32], []);
      b.init.push(0x41, 1, 0x02, t, DROP, END);
    },
  },
  {
    name: 'a block typed by index with one result',
    refusedWith:
      'blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled',
    proposal: 'multi-value',
    add(b) {
      const t = b.type([], [I32]);
      b.init.push(0x02, t, 0x41, 0, END, DROP);
    },
  },
  {
    name: 'a loop typed by index [] -> []',
    refusedWith:
      'blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled',
    proposal: 'multi-value',
    add: (b) => b.init.push(0x03, 0, END),
  },
  // Multi-memory.
  {
    name: 'a second memory, stored to',
    refusedWith: 'multiple memories',
    proposal: 'multi-memory',
    memory0: true,
    add(b) {
      const m = b.memory([0, 1]);
      b.init.push(0x41, 0, 0x41, 9, 0x36, 0x42, m, 0);
    },
  },
  {
    name: 'a store whose memarg names memory 0',
    refusedWith: 'malformed memop alignment: alignment too large',
    proposal: 'multi-memory',
    memory0: true,
    add: (b) => b.init.push(0x41, 4, 0x41, 5, 0x36, 0x42, 0, 0),
  },
  {
    name: 'memory.size with an overlong memory index',
    refusedWith: 'zero byte expected',
    proposal: 'multi-memory',
    memory0: true,
    add: (b) => b.init.push(0x3f, 0x80, 0x00, DROP),
  },
  {
    name: 'memory.grow with an overlong memory index',
    refusedWith: 'zero byte expected',
    proposal: 'multi-memory',
    memory0: true,
    add: (b) => b.init.push(0x41, 0, 0x40, 0x80, 0x00, DROP),
  },
  {
    name: 'an atomic load whose memarg names memory 0',
    refusedWith: 'malformed memop alignment: alignment too large',
    proposal: 'multi-memory',
    memory0: true,
    add: (b) => b.init.push(0x41, 0, 0xfe, 0x10, 0x42, 0, 0, DROP),
  },
  {
    name: 'memory.copy with an overlong memory index',
    proposal: 'multi-memory',
    memory0: true,
    add: (b) => b.init.push(0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 10, 0x80, 0x00, 0),
  },
  // SIMD.
  {
    name: 'a mutable v128 global',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    add(b) {
      const g = b.global([V128, 1, ...V128_CONST(0), END]);
      b.init.push(...V128_CONST(3), 0x24, g);
    },
  },
  {
    name: 'a v128 parameter',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    add: (b) => b.func(b.type([V128], []), []),
  },
  {
    name: 'a v128 local',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    add: (b) =>
      b.func(
        0,
        [],
        [
          [2, I64],
          [1, V128],
        ],
      ),
  },
  {
    name: 'v128.const',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    add: (b) => b.init.push(...V128_CONST(1), DROP),
  },
  {
    name: 'a block of v128',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    add: (b) => b.init.push(0x02, V128, ...V128_CONST(2), END, DROP),
  },
  {
    name: 'a typed select of v128',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    add: (b) => b.init.push(...V128_CONST(1), ...V128_CONST(2), 0x41, 0, 0x1c, 1, V128, DROP),
  },
  {
    name: 'v128.load whose memarg names memory 0',
    refusedWith: 'SIMD support is not enabled',
    proposal: 'simd',
    memory0: true,
    add: (b) => b.init.push(0x41, 0, 0xfd, 0x00, 0x44, 0, 0, DROP),
  },
  // Relaxed SIMD.
  {
    name: 'i8x16.relaxed_swizzle',
    refusedWith: 'relaxed SIMD support is not enabled',
    proposal: 'relaxed-simd',
    add: (b) => b.init.push(...V128_CONST(1), ...V128_CONST(2), 0xfd, 0x80, 0x02, DROP),
  },
  {
    name: 'a relaxed instruction after unreachable (no other SIMD before it)',
    refusedWith: 'relaxed SIMD support is not enabled',
    proposal: 'relaxed-simd',
    add: (b) => b.func(0, [0x00, 0xfd, 0x80, 0x02, DROP]),
  },
  {
    name: 'a final function subtype (no supertypes) with a v128 parameter',
    proposal: 'simd',
    refusedWith: 'SIMD support is not enabled',
    add: (b) => b.func(b.rawType([0x4f, 0, 0x60, 1, V128, 0]), []),
  },
  // Plain code, and encodings upstream's engine refuses whatever the switches say.
  {
    name: 'a mutable i32 global set by init',
    add(b) {
      const g = b.global([I32, 1, 0x41, 0, END]);
      b.init.push(0x41, 7, 0x24, g);
    },
  },
  {
    name: 'a store',
    memory0: true,
    add: (b) => b.init.push(0x41, 0, 0x41, 3, 0x36, 2, 0),
  },
  {
    name: 'an anyref parameter (GC)',
    refusedWith: 'heap types not supported without the gc feature',
    add: (b) => b.func(b.type([ANYREF], []), []),
  },
  {
    name: 'a passive element of anyref (GC)',
    refusedWith: 'heap types not supported without the gc feature',
    add: (b) => b.elem([5, ANYREF, 1, 0xd0, ANYREF, END]),
  },
  {
    name: 'global.get of a defined global in a data offset',
    refusedWith: 'constant expression required: global.get of locally defined global',
    memory0: true,
    add(b) {
      const g = b.global([I32, 0, 0x41, 32, END]);
      b.data([0, 0x23, g, END, 1, 0x71]);
    },
  },
  {
    name: 'an explicit rec group (GC)',
    refusedWith: 'rec group usage requires `gc` proposal to be enabled',
    add: (b) => b.rawType([0x4e, 1, 0x60, 0, 0]),
  },
  {
    name: 'a non-final function subtype (GC)',
    refusedWith: 'gc proposal must be enabled to use subtypes',
    add: (b) => b.rawType([0x50, 0, 0x60, 0, 0]),
  },
  {
    name: 'an array type (GC)',
    refusedWith: 'array indexed types not supported without the gc feature',
    add: (b) => b.rawType([0x5e, I32, 1]),
  },
  {
    name: 'ref.i31 in an externref element expression (GC)',
    refusedWith: 'constant expression required: non-constant operator: ref.i31',
    add: (b) => b.elem([5, EXTERNREF, 1, 0x41, 1, 0xfb, 0x1c, 0xfb, 0x1b, END]),
  },
  {
    name: 'a table with an initializer expression (function references)',
    refusedWith: 'tables with expression initializers require the function-references proposal',
    add: (b) => b.table([0x40, 0, FUNCREF, 0, 1, 0xd0, FUNCREF, END]),
  },
];

/** A module of the given fragments, with the table 0 and memory 0 they need placed first. */
export function moduleOf(fragments: readonly ProposalFragment[]): Uint8Array {
  const b = new ModuleBuilder();
  if (fragments.some((f) => f.table0)) b.table([FUNCREF, 0, 4]);
  if (fragments.some((f) => f.memory0)) b.memory([0, 1]);
  for (const f of fragments) f.add(b);
  return b.build();
}

/** The argument that switches a proposal off. */
export const switchOff = (p: Proposal): string => `--wasm-${p}=false`;

/** Switching SIMD off alone is a configuration error upstream; relaxed SIMD goes with it. */
export function switchesFor(p: Proposal): string[] {
  return p === 'simd' ? [switchOff('simd'), switchOff('relaxed-simd')] : [switchOff(p)];
}
