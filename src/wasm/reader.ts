/**
 * A cursor over a byte view of a Wasm binary. Offsets are absolute in the original input, so every
 * decode error points into the file the user gave. Never copies: sub-ranges are `subarray` views.
 */
import { WasmDecodeError } from '../errors.js';

const textDecoder = new TextDecoder('utf-8', { fatal: true });

export class BinaryReader {
  /** Absolute position of the next byte. */
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    /** Absolute end (exclusive) of the readable range. */
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get eof(): boolean {
    return this.pos >= this.end;
  }

  error(message: string, offset = this.pos): WasmDecodeError {
    return new WasmDecodeError(message, offset);
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw this.error('unexpected end-of-file');
  }

  u8(): number {
    if (this.pos >= this.end) throw this.error('unexpected end-of-file');
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    if (this.pos >= this.end) throw this.error('unexpected end-of-file');
    return this.bytes[this.pos]!;
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    const bytes = this.bytes;
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.end) throw this.error('unexpected end-of-file');
      const byte = bytes[this.pos++]!;
      if (shift === 28 && (byte & 0x70) !== 0) {
        throw this.error('invalid var_u32: integer too large', start);
      }
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
      if (shift > 28) throw this.error('invalid var_u32: integer representation too long', start);
    }
  }

  /** Signed LEB128 of at most 32 bits. */
  s32(): number {
    const bytes = this.bytes;
    let result = 0;
    let shift = 0;
    const start = this.pos;
    let byte: number;
    do {
      if (this.pos >= this.end) throw this.error('unexpected end-of-file');
      byte = bytes[this.pos++]!;
      if (shift === 28) {
        // The last byte carries 4 value bits; the rest must be a sign extension of bit 3.
        const rest = byte & 0x70;
        const sign = byte & 0x08;
        if ((byte & 0x80) !== 0 || (sign === 0 ? rest !== 0 : rest !== 0x70)) {
          throw this.error('invalid var_i32: integer too large', start);
        }
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while ((byte & 0x80) !== 0);
    if (shift < 32 && (byte & 0x40) !== 0) result |= -1 << shift;
    return result | 0;
  }

  /** Signed LEB128 of at most 33 bits (block types); returned as a JS number. */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    let byte: number;
    let count = 0;
    do {
      if (this.pos >= this.end) throw this.error('unexpected end-of-file');
      byte = this.bytes[this.pos++]!;
      if (++count > 5) throw this.error('invalid var_s33: integer representation too long', start);
      result += (byte & 0x7f) * mul;
      mul *= 128;
    } while ((byte & 0x80) !== 0);
    if ((byte & 0x40) !== 0) result -= mul;
    return result;
  }

  /** Signed LEB128 of at most 64 bits. */
  s64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    let byte: number;
    let count = 0;
    do {
      if (this.pos >= this.end) throw this.error('unexpected end-of-file');
      byte = this.bytes[this.pos++]!;
      if (++count > 10) throw this.error('invalid var_i64: integer representation too long', start);
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while ((byte & 0x80) !== 0);
    if (shift < 64n && (byte & 0x40) !== 0) result |= -1n << shift;
    return BigInt.asIntN(64, result);
  }

  /** Unsigned LEB128 of at most 64 bits. */
  u64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    let byte: number;
    let count = 0;
    do {
      if (this.pos >= this.end) throw this.error('unexpected end-of-file');
      byte = this.bytes[this.pos++]!;
      if (++count > 10) throw this.error('invalid var_u64: integer representation too long', start);
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while ((byte & 0x80) !== 0);
    return BigInt.asUintN(64, result);
  }

  /** Skips a LEB128 of any width without decoding it. */
  skipLeb(): void {
    const bytes = this.bytes;
    let count = 0;
    while (this.pos < this.end) {
      count++;
      if ((bytes[this.pos++]! & 0x80) === 0) return;
      if (count >= 10) throw this.error('invalid LEB128: representation too long');
    }
    throw this.error('unexpected end-of-file');
  }

  /** A view of the next `n` bytes. */
  take(n: number): Uint8Array {
    this.need(n);
    const view = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const len = this.u32();
    const start = this.pos;
    const view = this.take(len);
    try {
      return textDecoder.decode(view);
    } catch {
      throw this.error('malformed UTF-8 encoding', start);
    }
  }

  /** A reader over the next `n` bytes; this reader moves past them. */
  sub(n: number): BinaryReader {
    this.need(n);
    const r = new BinaryReader(this.bytes, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
}
