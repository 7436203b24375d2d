/**
 * A deliberately tiny, independent reader for the parts of a Wasm binary the differential oracle
 * inspects (section layout, memories, globals, exports, data). It does not share code with the
 * engine's parser: a bug there must not hide itself by also being in the oracle.
 */

export interface RawSection {
  id: number;
  /** Custom section name, when id === 0. */
  name?: string;
  /** The section payload (for custom sections: including the name). */
  payload: Uint8Array;
}

export interface MemoryLimits {
  flags: number;
  min: bigint;
  max?: bigint;
  pageSizeLog2?: number;
}

export interface GlobalEntry {
  /** Value type bytes followed by the mutability byte. */
  type: Uint8Array;
  mutable: boolean;
  /** The init expression including its final `end` opcode. */
  init: Uint8Array;
}

export interface ExportEntry {
  name: string;
  kind: number;
  index: number;
}

export interface DataSegment {
  flags: number;
  memory: number;
  /** Constant offset for active segments (`i32.const` / `i64.const` only). */
  offset?: bigint;
  /** The raw offset expression bytes, including `end`. */
  offsetExpr?: Uint8Array;
  bytes: Uint8Array;
}

export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

class Cursor {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error(`unexpected end at ${this.pos}`);
    return this.bytes[this.pos++]!;
  }

  take(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new Error(`unexpected end at ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  unsigned(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return result;
    }
  }

  u32(): number {
    return Number(this.unsigned());
  }

  signed(): bigint {
    let result = 0n;
    let shift = 0n;
    let b: number;
    do {
      b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return result;
  }

  name(): string {
    return new TextDecoder().decode(this.take(this.u32()));
  }
}

/** Splits a module into its sections, in file order. */
export function readSections(wasm: Uint8Array): RawSection[] {
  const magic = Array.from(wasm.subarray(0, 8));
  if (magic.join(',') !== '0,97,115,109,1,0,0,0') throw new Error('not a core Wasm module');
  const cursor = new Cursor(wasm);
  cursor.pos = 8;
  const sections: RawSection[] = [];
  while (!cursor.done) {
    const id = cursor.byte();
    const payload = cursor.take(cursor.u32());
    const section: RawSection = { id, payload };
    if (id === SECTION.custom) section.name = new Cursor(payload).name();
    sections.push(section);
  }
  return sections;
}

function sectionCursor(sections: RawSection[], id: number): Cursor | undefined {
  const section = sections.find((s) => s.id === id);
  return section ? new Cursor(section.payload) : undefined;
}

/** Reads the body of a constant expression up to and including its `end` (0x0b). */
function readConstExpr(cursor: Cursor): Uint8Array {
  const start = cursor.pos;
  for (;;) {
    const op = cursor.byte();
    if (op === 0x0b) break;
    if (op === 0x41 || op === 0x42) cursor.signed();
    else if (op === 0x43) cursor.take(4);
    else if (op === 0x44) cursor.take(8);
    else if (op === 0x23 || op === 0xd2) cursor.u32();
    else if (op === 0xd0) cursor.signed();
    else if (
      op === 0x6a ||
      op === 0x6b ||
      op === 0x6c ||
      op === 0x7c ||
      op === 0x7d ||
      op === 0x7e
    ) {
      // extended-const arithmetic: no immediates
    } else if (op === 0xfd) {
      const sub = cursor.u32();
      if (sub !== 12) throw new Error(`unsupported SIMD const op ${sub}`);
      cursor.take(16);
    } else if (op === 0xfb) {
      const sub = cursor.u32();
      if (sub !== 0x1c && sub !== 0x1d && sub !== 0x1e && sub !== 0x1a && sub !== 0x1b) {
        throw new Error(`unsupported GC const op ${sub}`);
      }
    } else throw new Error(`unsupported const expr opcode 0x${op.toString(16)}`);
  }
  return cursor.bytes.subarray(start, cursor.pos);
}

/** Reads a value type (possibly a multi-byte reference type) and returns its bytes. */
function readValType(cursor: Cursor): Uint8Array {
  const start = cursor.pos;
  const b = cursor.byte();
  if (b === 0x63 || b === 0x64) cursor.signed();
  return cursor.bytes.subarray(start, cursor.pos);
}

export function readMemories(sections: RawSection[]): MemoryLimits[] {
  const cursor = sectionCursor(sections, SECTION.memory);
  if (!cursor) return [];
  const count = cursor.u32();
  const out: MemoryLimits[] = [];
  for (let i = 0; i < count; i++) {
    const flags = cursor.byte();
    const min = cursor.unsigned();
    const limits: MemoryLimits = { flags, min };
    if (flags & 0x01) limits.max = cursor.unsigned();
    if (flags & 0x08) limits.pageSizeLog2 = cursor.u32();
    out.push(limits);
  }
  return out;
}

export function readGlobals(sections: RawSection[]): GlobalEntry[] {
  const cursor = sectionCursor(sections, SECTION.global);
  if (!cursor) return [];
  const count = cursor.u32();
  const out: GlobalEntry[] = [];
  for (let i = 0; i < count; i++) {
    const start = cursor.pos;
    readValType(cursor);
    const mutable = cursor.byte() === 1;
    const type = cursor.bytes.subarray(start, cursor.pos);
    out.push({ type, mutable, init: readConstExpr(cursor) });
  }
  return out;
}

export function readExports(sections: RawSection[]): ExportEntry[] {
  const cursor = sectionCursor(sections, SECTION.export);
  if (!cursor) return [];
  const count = cursor.u32();
  const out: ExportEntry[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ name: cursor.name(), kind: cursor.byte(), index: cursor.u32() });
  }
  return out;
}

export function readDataCount(sections: RawSection[]): number | undefined {
  return sectionCursor(sections, SECTION.dataCount)?.u32();
}

function constOffset(expr: Uint8Array): bigint | undefined {
  const cursor = new Cursor(expr);
  const op = cursor.byte();
  if (op !== 0x41 && op !== 0x42) return undefined;
  const value = cursor.signed();
  return cursor.byte() === 0x0b ? value : undefined;
}

export function readDataSegments(sections: RawSection[]): DataSegment[] {
  const cursor = sectionCursor(sections, SECTION.data);
  if (!cursor) return [];
  const count = cursor.u32();
  const out: DataSegment[] = [];
  for (let i = 0; i < count; i++) {
    const flags = cursor.u32();
    if (flags === 1) {
      out.push({ flags, memory: 0, bytes: cursor.take(cursor.u32()) });
      continue;
    }
    const memory = flags === 2 ? cursor.u32() : 0;
    const offsetExpr = readConstExpr(cursor);
    const segment: DataSegment = { flags, memory, offsetExpr, bytes: cursor.take(cursor.u32()) };
    const offset = constOffset(offsetExpr);
    if (offset !== undefined) segment.offset = offset;
    out.push(segment);
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
