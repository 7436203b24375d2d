/**
 * The snapshot's byte-level work as compiled code (data-kernel.wat), bound to one guest memory:
 * finding the non-zero runs and encoding their data segment headers. The same loops in JavaScript
 * run once per process, mostly before V8 has optimized them (SQLite's 3.4 MB memory: 16 ms to
 * scan in JavaScript, 5-8 ms here with compiling the kernel and copying out its 39,000 runs; the
 * scan loops are not what costs: checking 16 bytes per step with SIMD changed nothing). Results
 * are the same as the JavaScript path's (snapshot.ts, rewrite.ts), which every other memory takes.
 */
import type { MemoryDef } from './context.js';
import { DATA_KERNEL_WASM_BASE64 } from './data-kernel-wasm.js';

interface KernelExports {
  out: WebAssembly.Memory;
  scan(length: number): number;
  headers(pairs: number, count: number, memoryIndex: number, dst: number, ends: number): number;
}

/**
 * The kernel addresses the guest with i32 positions and keeps its run list (16 bytes per run, at
 * most one run per 6 bytes scanned) in its own 32-bit memory: 1 GiB keeps both in range.
 */
const MAX_SCANNED_BYTES = 2 ** 30;
/** Flags, memory index, `i32.const`, offset, `end`, length: the most a segment header takes. */
const MAX_HEADER_BYTES = 1 + 5 + 1 + 5 + 1 + 5;
const PAGE_BYTES = 65536;

let compiled: WebAssembly.Module | undefined;

export class DataKernel {
  private constructor(private readonly exports: KernelExports) {}

  /**
   * The kernel for a defined memory, or undefined where the JavaScript path applies: shared,
   * 64-bit or custom-page-size memories, 1 GiB and more, or an engine that cannot link it.
   */
  static bind(memory: WebAssembly.Memory, def: MemoryDef): DataKernel | undefined {
    if (def.shared || def.memory64 || def.limits.pageSizeLog2 !== undefined) return undefined;
    if (memory.buffer.byteLength >= MAX_SCANNED_BYTES) return undefined;
    try {
      compiled ??= new WebAssembly.Module(Buffer.from(DATA_KERNEL_WASM_BASE64, 'base64'));
      const instance = new WebAssembly.Instance(compiled, { guest: { memory } });
      return new DataKernel(instance.exports as unknown as KernelExports);
    } catch {
      return undefined;
    }
  }

  /**
   * The runs of non-zero bytes in the first `length` bytes, merged across gaps of at most
   * `MIN_ACTIVE_SEGMENT_OVERHEAD` zeros, as [start, end) pairs (see `findRuns`).
   */
  scan(length: number): Float64Array {
    const count = this.exports.scan(length);
    return new Float64Array(this.exports.out.buffer, 0, 2 * count).slice();
  }

  /**
   * The active data segments for `pairs` (runs of this memory, [start, end) pairs) in memory
   * `memoryIndex`, as alternating header and data chunks: headers encoded here, data as views of
   * `bytes` (the memory's contents, not copied). The header views are valid until the next call.
   */
  segments(pairs: Float64Array, memoryIndex: number, bytes: Uint8Array): Uint8Array[] {
    const count = pairs.length / 2;
    const { out } = this.exports;
    const endsAt = pairs.byteLength;
    const headersAt = endsAt + 4 * count;
    const needed = headersAt + count * MAX_HEADER_BYTES;
    const pages = Math.ceil(needed / PAGE_BYTES) - out.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) out.grow(pages);
    new Float64Array(out.buffer, 0, pairs.length).set(pairs);
    this.exports.headers(0, count, memoryIndex, headersAt, endsAt);
    const ends = new Uint32Array(out.buffer, endsAt, count);
    const headers = new Uint8Array(out.buffer);
    const chunks: Uint8Array[] = new Array<Uint8Array>(2 * count);
    let at = headersAt;
    for (let k = 0; k < count; k++) {
      chunks[2 * k] = headers.subarray(at, ends[k]);
      chunks[2 * k + 1] = bytes.subarray(pairs[2 * k], pairs[2 * k + 1]);
      at = ends[k]!;
    }
    return chunks;
  }
}
