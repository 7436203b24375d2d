/**
 * Memory images rebuilt from a module's own data segments, the way instantiation would lay them out.
 * Pages are stored sparsely so that multi-GiB memories with a few bytes set stay cheap to compare.
 */
import type { DataSegment, MemoryLimits } from './wasm-sections.js';

const CHUNK = 65536;

export interface MemoryImage {
  /** Size in bytes implied by the memory's minimum. */
  byteLength: bigint;
  chunks: Map<number, Uint8Array>;
}

function pageSize(limits: MemoryLimits): bigint {
  return 1n << BigInt(limits.pageSizeLog2 ?? 16);
}

/** Applies every active segment, in order, to zero-filled memories of their minimum size. */
export function buildImages(memories: MemoryLimits[], segments: DataSegment[]): MemoryImage[] {
  const images: MemoryImage[] = memories.map((m) => ({
    byteLength: m.min * pageSize(m),
    chunks: new Map(),
  }));
  for (const segment of segments) {
    if (segment.flags === 1) continue;
    const image = images[segment.memory];
    const memory = memories[segment.memory];
    if (!image || !memory) throw new Error(`data segment targets missing memory ${segment.memory}`);
    if (segment.offset === undefined) throw new Error('non-constant data segment offset');
    const is64 = (memory.flags & 0x04) !== 0;
    // A 32-bit offset is an i32: negative constants address the upper half of the 4 GiB space.
    const start = is64 ? BigInt.asUintN(64, segment.offset) : BigInt.asUintN(32, segment.offset);
    if (start + BigInt(segment.bytes.length) > image.byteLength) {
      throw new Error(`data segment at ${start} overflows memory ${segment.memory}`);
    }
    writeBytes(image, Number(start), segment.bytes);
  }
  return images;
}

function writeBytes(image: MemoryImage, start: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) {
    const address = start + written;
    const index = Math.floor(address / CHUNK);
    const within = address % CHUNK;
    let chunk = image.chunks.get(index);
    if (!chunk) {
      chunk = new Uint8Array(CHUNK);
      image.chunks.set(index, chunk);
    }
    const count = Math.min(CHUNK - within, bytes.length - written);
    chunk.set(bytes.subarray(written, written + count), within);
    written += count;
  }
}

function isZero(chunk: Uint8Array | undefined): boolean {
  return chunk === undefined || chunk.every((b) => b === 0);
}

/** Describes the first difference between two images, or returns undefined when equal. */
export function diffImages(expected: MemoryImage, actual: MemoryImage): string | undefined {
  if (expected.byteLength !== actual.byteLength) {
    return `byte length ${actual.byteLength} != upstream ${expected.byteLength}`;
  }
  const keys = [...new Set([...expected.chunks.keys(), ...actual.chunks.keys()])].sort(
    (a, b) => a - b,
  );
  for (const key of keys) {
    const a = expected.chunks.get(key);
    const b = actual.chunks.get(key);
    if (isZero(a) && isZero(b)) continue;
    for (let i = 0; i < CHUNK; i++) {
      const x = a?.[i] ?? 0;
      const y = b?.[i] ?? 0;
      if (x !== y) {
        const address = key * CHUNK + i;
        return `byte at 0x${address.toString(16)} is 0x${y.toString(16)}, upstream has 0x${x.toString(16)}`;
      }
    }
  }
  return undefined;
}

/** Non-zero bytes of an image as `{address: value}` runs, for readable assertions in tests. */
export function readImage(image: MemoryImage, address: number, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const a = address + i;
    out.push(image.chunks.get(Math.floor(a / CHUNK))?.[a % CHUNK] ?? 0);
  }
  return out;
}
