/**
 * The snapshot's byte-level work as compiled code (data-kernel.wat), bound to one guest memory:
 * finding the non-zero runs and encoding them as data segments. The same loops in JavaScript
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
  segments(pairs: number, count: number, memoryIndex: number, dst: number): number;
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
   * `memoryIndex`, encoded back to back with their bytes: one chunk, valid until the next call.
   * One copy of the data costs less than a header and a view per segment, written as tens of
   * thousands of pieces.
   */
  segments(pairs: Float64Array, memoryIndex: number): Uint8Array {
    const { out } = this.exports;
    let dataBytes = 0;
    for (let k = 0; k < pairs.length; k += 2) dataBytes += pairs[k + 1]! - pairs[k]!;
    const segmentsAt = pairs.byteLength;
    const needed = segmentsAt + (pairs.length / 2) * MAX_HEADER_BYTES + dataBytes;
    const pages = Math.ceil(needed / PAGE_BYTES) - out.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) out.grow(pages);
    new Float64Array(out.buffer, 0, pairs.length).set(pairs);
    const end = this.exports.segments(0, pairs.length / 2, memoryIndex, segmentsAt);
    return new Uint8Array(out.buffer, segmentsAt, end - segmentsAt);
  }
}
