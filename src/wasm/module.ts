/**
 * Module-level reading: the header, the section list (kept as byte ranges of the input, never
 * copied), and readers for the small typed structures shared by several sections.
 */
import { BinaryReader } from './reader.js';
import { COMPONENT_VERSION, CORE_VERSION, SectionId } from './constants.js';

/** One section as byte ranges of the input: `[start, end)` is the whole section with its header. */
export interface RawSection {
  id: number;
  /** Offset of the id byte. */
  start: number;
  /** Offset of the first payload byte. */
  payloadStart: number;
  /** Offset just past the payload. */
  end: number;
  /** Name of a custom section. */
  customName?: string;
}

export type BinaryKind = 'module' | 'component';

/** Reads the 8-byte preamble and says whether this is a core module or a component. */
export function readPreamble(bytes: Uint8Array): BinaryKind {
  const r = new BinaryReader(bytes);
  if (bytes.length < 4) throw r.error('unexpected end-of-file', 0);
  const magic = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  if (magic !== 0x6d736100) {
    // Rust's pretty hex debug form of the two arrays, as wasmparser formats them.
    const list = (values: Iterable<number>) =>
      `[\n${Array.from(values, (b) => `    0x${b.toString(16)},\n`).join('')}]`;
    throw r.error(
      `magic header not detected: bad magic number - expected=${list([0, 0x61, 0x73, 0x6d])} actual=${list(bytes.subarray(0, 4))}`,
      0,
    );
  }
  if (bytes.length < 8) throw r.error('unexpected end-of-file', 4);
  const version = bytes[4]! | (bytes[5]! << 8);
  const layer = bytes[6]! | (bytes[7]! << 8);
  if (version === CORE_VERSION && layer === 0) return 'module';
  if (version === COMPONENT_VERSION && layer === 1) return 'component';
  throw r.error(`unknown binary version: ${`0x${version.toString(16)}`.padStart(10)}`, 4);
}

/** What a binary's preamble says it is, or undefined when it is neither (never throws). */
export function binaryKind(bytes: Uint8Array): BinaryKind | undefined {
  try {
    return readPreamble(bytes);
  } catch {
    return undefined;
  }
}

/** Splits a core module into its sections without decoding their payloads. */
export function readSections(bytes: Uint8Array): RawSection[] {
  const r = new BinaryReader(bytes, 8);
  const sections: RawSection[] = [];
  while (!r.eof) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    const payloadStart = r.pos;
    if (payloadStart + size > bytes.length) throw r.error('unexpected end-of-file', payloadStart);
    const section: RawSection = { id, start, payloadStart, end: payloadStart + size };
    if (id === SectionId.Custom) {
      const sr = new BinaryReader(bytes, payloadStart, payloadStart + size);
      section.customName = sr.name();
    } else if (id > SectionId.Tag) {
      throw r.error(`malformed section id: ${id}`, start);
    }
    sections.push(section);
    r.pos = section.end;
  }
  return sections;
}

/** A value type as read from the binary: `code` is its first byte, `bytes` its full encoding. */
export interface ValType {
  code: number;
  bytes: Uint8Array;
}

/** Abbreviated reference types (single byte) of reference types, GC and exceptions. */
const SHORTHAND_REF_TYPES = new Set([
  0x70, 0x6f, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69, 0x71, 0x72, 0x73, 0x74,
]);

export function isRefType(code: number): boolean {
  return code === 0x63 || code === 0x64 || SHORTHAND_REF_TYPES.has(code);
}

export function readValType(r: BinaryReader): ValType {
  const start = r.pos;
  const code = r.u8();
  if (code >= 0x7b && code <= 0x7f) return { code, bytes: r.bytes.subarray(start, r.pos) };
  if (SHORTHAND_REF_TYPES.has(code)) return { code, bytes: r.bytes.subarray(start, r.pos) };
  if (code === 0x63 || code === 0x64) {
    r.s33();
    return { code, bytes: r.bytes.subarray(start, r.pos) };
  }
  throw r.error(`invalid value type 0x${code.toString(16)}`, start);
}

export interface Limits {
  flags: number;
  min: bigint;
  max: bigint | undefined;
  /** log2 of the page size when the custom-page-sizes flag is set. */
  pageSizeLog2: number | undefined;
}

/** Limits of a memory or table type (memory64/table64 read 64-bit bounds). */
export function readLimits(r: BinaryReader): Limits {
  const flagsAt = r.pos;
  const flags = r.u8();
  if (flags > 0x0f) throw r.error(`invalid limits flags 0x${flags.toString(16)}`, flagsAt);
  const is64 = (flags & 0x04) !== 0;
  const min = is64 ? r.u64() : BigInt(r.u32());
  const max = (flags & 0x01) !== 0 ? (is64 ? r.u64() : BigInt(r.u32())) : undefined;
  const pageSizeLog2 = (flags & 0x08) !== 0 ? r.u32() : undefined;
  return { flags, min, max, pageSizeLog2 };
}
