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
  cap(count: number, max: number, memory: number): number;
  view_count: WebAssembly.Global;
  segments(
    pairs: number,
    count: number,
    memoryIndex: number,
    views: number,
    viewBytes: number,
    dst: number,
  ): number;
}

/**
 * The kernel addresses the guest with i32 positions and keeps its run list (16 bytes per run, at
 * most one run per 6 bytes scanned) in its own 32-bit memory: 1 GiB keeps both in range.
 */
const MAX_SCANNED_BYTES = 2 ** 30;
/** Flags, memory index, `i32.const`, offset, `end`, length: the most a segment header takes. */
const MAX_HEADER_BYTES = 1 + 5 + 1 + 5 + 1 + 5;
const PAGE_BYTES = 65536;
/**
 * Runs at least this long are written from the guest's memory rather than copied: a fresh page
 * costs about 2.7 ns per byte to fault in here, a chunk about a microsecond.
 */
const VIEW_BYTES = 1024;

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
   * `MIN_ACTIVE_SEGMENT_OVERHEAD` zeros, as [start, end) pairs (see `findRuns`). With `cap`, they
   * are capped as `capSegmentCount` caps them where it can (the runs of the memory numbered
   * `cap.memory` being all there are); otherwise they are left to that.
   */
  scan(length: number, cap?: { max: number; memory: number }): Float64Array {
    let count = this.exports.scan(length);
    if (cap && count > cap.max) {
      const capped = this.exports.cap(count, cap.max, cap.memory);
      if (capped >= 0) count = capped;
    }
    return new Float64Array(this.exports.out.buffer, 0, 2 * count).slice();
  }

  /**
   * The active data segments for `pairs` (runs of this memory, [start, end) pairs) in memory
   * `memoryIndex`, as chunks: encoded back to back with the bytes of short runs, and the bytes of
   * long runs as views of `bytes` (the guest's memory) in between. Valid until the next call.
   * One copy of short runs costs less than a chunk each; a long run costs more to copy (fresh
   * pages) than to write from where it is.
   */
  segments(pairs: Float64Array, memoryIndex: number, bytes: Uint8Array): Uint8Array[] {
    const { out } = this.exports;
    const count = pairs.length / 2;
    let copied = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      const length = pairs[k + 1]! - pairs[k]!;
      if (length < VIEW_BYTES) copied += length;
    }
    const viewsAt = pairs.byteLength;
    const segmentsAt = viewsAt + 12 * count;
    const needed = segmentsAt + count * MAX_HEADER_BYTES + copied;
    const pages = Math.ceil(needed / PAGE_BYTES) - out.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) out.grow(pages);
    new Float64Array(out.buffer, 0, pairs.length).set(pairs);
    const end = this.exports.segments(0, count, memoryIndex, viewsAt, VIEW_BYTES, segmentsAt);
    const views = new Uint32Array(
      out.buffer,
      viewsAt,
      3 * (this.exports.view_count.value as number),
    );
    const encoded = new Uint8Array(out.buffer);
    const chunks: Uint8Array[] = [];
    let from = segmentsAt;
    for (let v = 0; v < views.length; v += 3) {
      chunks.push(encoded.subarray(from, views[v]), bytes.subarray(views[v + 1], views[v + 2]));
      from = views[v]!;
    }
    chunks.push(encoded.subarray(from, end));
    return chunks;
  }
}
