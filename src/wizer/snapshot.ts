/**
 * Phase 5: snapshot. Reads the initialized state through an `InstanceState` (the running instance,
 * or a fake in tests): every mutable global's bits, and each memory's size and non-zero byte runs.
 *
 * Data segments: runs of non-zero bytes separated by at most `MIN_ACTIVE_SEGMENT_OVERHEAD` zero
 * bytes are merged, because a new segment costs at least that much encoding overhead (flags,
 * offset expression, length); the count is then capped at `MAX_DATA_SEGMENTS` by merging across
 * the smallest gaps. Upstream scans page by page and re-joins runs split at page boundaries
 * (gap 0), which is the same as one linear scan with merging. Where it can, the scan (and for a
 * single memory the cap) runs in a compiled kernel (data-kernel.ts) that gives the same runs as
 * `findRuns` and `capSegmentCount`.
 */
import { Op, ValTypeCode } from '../wasm/constants.js';
import { ByteSink } from '../wasm/writer.js';
import type { MemoryDef } from './context.js';
import { DataKernel } from './data-kernel.js';
import type { GlobalProbe } from './instrument.js';

/** Zero bytes between two runs that are still cheaper to store than a new segment's overhead. */
export const MIN_ACTIVE_SEGMENT_OVERHEAD = 4;
/** Engines struggle with very many segments (wizer issue #70); upstream caps the total. */
export const MAX_DATA_SEGMENTS = 10_000;

/** Read access to an initialized instance. */
export interface InstanceState {
  /** Calls a getter export; i32 results are numbers, i64 results bigints. */
  globalGet(exportName: string): number | bigint;
  memoryContents(exportName: string): Uint8Array;
  /** The memory itself, where there is one (the compiled kernel needs it). */
  memory?(exportName: string): WebAssembly.Memory;
}

/** One memory's initialized bytes, and the kernel bound to it where there is one. */
export interface MemoryImage {
  bytes: Uint8Array;
  kernel: DataKernel | undefined;
}

export interface Snapshot {
  /** Constant initializer (including `end`) of each mutable global, by global index. */
  globals: Map<number, Uint8Array>;
  /** New minimum size of each defined memory, in pages. */
  memoryPages: bigint[];
  /** Byte length of each memory, for reports. */
  memoryBytes: number[];
  /** Each defined memory's contents, which the segments are runs of. */
  images: MemoryImage[];
  /** New active data segments, as runs sorted by (memory, offset). */
  segments: RunList;
}

export function snapshot(
  probes: readonly GlobalProbe[],
  memoryExports: readonly string[],
  memoryDefs: readonly MemoryDef[],
  state: InstanceState,
): Snapshot {
  const globals = new Map<number, Uint8Array>();
  for (const probe of probes) globals.set(probe.globalIndex, encodeGlobal(probe, state));

  const memoryPages: bigint[] = [];
  const memoryBytes: number[] = [];
  const runs = new RunList();
  const images: MemoryImage[] = [];
  memoryExports.forEach((name, memory) => {
    const bytes = state.memoryContents(name);
    const def = memoryDefs[memory];
    const wasmMemory = state.memory?.(name);
    const kernel = wasmMemory && def ? DataKernel.bind(wasmMemory, def) : undefined;
    images.push({ bytes, kernel });
    memoryPages.push(BigInt(bytes.length) >> BigInt(def?.limits.pageSizeLog2 ?? 16));
    memoryBytes.push(bytes.length);
    // With one memory, the kernel caps its runs too (capSegmentCount then has nothing to do).
    const cap = memoryExports.length === 1 ? { max: MAX_DATA_SEGMENTS, memory } : undefined;
    if (kernel) runs.pushPairs(memory, kernel.scan(bytes.length, cap));
    else findRuns(bytes, (start, end) => runs.push(memory, start, end));
  });
  return { globals, memoryPages, memoryBytes, images, segments: capSegmentCount(runs) };
}

function encodeGlobal(probe: GlobalProbe, state: InstanceState): Uint8Array {
  const sink = new ByteSink(20);
  const [first, second] = probe.exports.map((e) => state.globalGet(e));
  switch (probe.type) {
    case ValTypeCode.I32:
      sink.byte(Op.I32Const).s32(Number(first));
      break;
    case ValTypeCode.I64:
      sink.byte(Op.I64Const).s64(BigInt(first!));
      break;
    case ValTypeCode.F32: {
      const bits = new Uint8Array(4);
      new DataView(bits.buffer).setInt32(0, Number(first), true);
      sink.byte(Op.F32Const).bytes(bits);
      break;
    }
    case ValTypeCode.F64: {
      const bits = new Uint8Array(8);
      new DataView(bits.buffer).setBigInt64(0, BigInt(first!), true);
      sink.byte(Op.F64Const).bytes(bits);
      break;
    }
    case ValTypeCode.V128: {
      const bits = new Uint8Array(16);
      const view = new DataView(bits.buffer);
      view.setBigInt64(0, BigInt(first!), true);
      view.setBigInt64(8, BigInt(second!), true);
      sink.byte(Op.SimdPrefix).u32(Op.V128Const).bytes(bits);
      break;
    }
    default:
      throw new Error(`unreachable: global type 0x${probe.type.toString(16)} was not instrumented`);
  }
  return sink.byte(Op.End).view().slice();
}

/**
 * Calls `emit(start, end)` for each run of non-zero bytes, merging runs separated by at most
 * `MIN_ACTIVE_SEGMENT_OVERHEAD` zeros. Zero stretches are skipped a 32-bit word at a time.
 */
export function findRuns(bytes: Uint8Array, emit: (start: number, end: number) => void): void {
  const length = bytes.length;
  const words =
    bytes.byteOffset % 4 === 0
      ? new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(length / 4))
      : undefined;
  let pos = 0;
  for (;;) {
    // Skip zeros: byte-wise to alignment, then word-wise, then byte-wise.
    while (pos < length && (pos & 3) !== 0 && bytes[pos] === 0) pos++;
    if (words && (pos & 3) === 0) {
      let w = pos / 4;
      const wordEnd = words.length;
      while (w < wordEnd && words[w] === 0) w++;
      pos = w * 4; // not `<< 2`: word indices reach 2^29 in memories over 2 GiB
    }
    while (pos < length && bytes[pos] === 0) pos++;
    if (pos >= length) return;

    const start = pos;
    let end: number;
    for (;;) {
      while (pos < length && bytes[pos] !== 0) pos++;
      end = pos;
      let probe = pos;
      const limit = Math.min(length, end + MIN_ACTIVE_SEGMENT_OVERHEAD + 1);
      while (probe < limit && bytes[probe] === 0) probe++;
      if (probe < limit) {
        pos = probe; // next run starts within the gap limit: merge
        continue;
      }
      pos = probe;
      break;
    }
    emit(start, end);
  }
}

/**
 * Runs stored column-wise: a snapshot of a large, fragmented memory has hundreds of thousands of
 * runs before the cap, and one object per run would dominate peak memory. Run `i` is
 * `[bounds[2i], bounds[2i + 1])` of memory `memory[i]`, the layout the kernel reads and writes.
 */
export class RunList {
  memory: Uint32Array;
  bounds: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.memory = new Uint32Array(capacity);
    this.bounds = new Float64Array(2 * capacity);
  }

  start(i: number): number {
    return this.bounds[2 * i]!;
  }

  end(i: number): number {
    return this.bounds[2 * i + 1]!;
  }

  push(memory: number, start: number, end: number): void {
    this.reserve(this.length + 1);
    this.memory[this.length] = memory;
    this.bounds[2 * this.length] = start;
    this.bounds[2 * this.length + 1] = end;
    this.length++;
  }

  /**
   * Appends the runs of one memory given as [start, end) pairs. Into an empty list they are taken
   * as they are (the list owns them then), not copied: they can be megabytes.
   */
  pushPairs(memory: number, pairs: Float64Array): void {
    const count = pairs.length / 2;
    if (this.length === 0) {
      this.bounds = pairs;
      this.memory = new Uint32Array(count).fill(memory);
      this.length = count;
      return;
    }
    this.reserve(this.length + count);
    this.memory.fill(memory, this.length, this.length + count);
    this.bounds.set(pairs, 2 * this.length);
    this.length += count;
  }

  /** The bounds of runs `from` to `to` (exclusive), as a view. */
  pairs(from: number, to: number): Float64Array {
    return this.bounds.subarray(2 * from, 2 * to);
  }

  private reserve(capacity: number): void {
    if (capacity <= this.memory.length) return;
    const size = Math.max(capacity, 2 * this.memory.length);
    const memory = new Uint32Array(size);
    memory.set(this.memory.subarray(0, this.length));
    const bounds = new Float64Array(2 * size);
    bounds.set(this.bounds.subarray(0, 2 * this.length));
    this.memory = memory;
    this.bounds = bounds;
  }
}

/**
 * Merges runs across the smallest gaps until at most `MAX_DATA_SEGMENTS` remain, as upstream does:
 * every gap below the threshold size is merged, and as many gaps of exactly the threshold size as
 * are still needed. Upstream picks among those equal gaps by an unstable sort; we pick the ones
 * whose merge saves the most encoded bytes (the second segment's header and length go, the merged
 * length comes), measured on the segments left after the smaller gaps were merged, then the
 * earliest. Deterministic, and smaller than upstream's pick on the modules we measured.
 */
export function capSegmentCount(runs: RunList, max = MAX_DATA_SEGMENTS): RunList {
  const n = runs.length;
  if (n <= max) return runs;
  const { memory, bounds } = runs;
  const excess = n - max;

  // The gap after each run that can merge with the next (same memory), sorted to find the
  // threshold: the size of the `excess`-th smallest.
  const gaps = new Float64Array(n);
  let gapCount = 0;
  for (let i = 0; i + 1 < n; i++) {
    if (memory[i] === memory[i + 1]) gaps[gapCount++] = bounds[2 * (i + 1)]! - bounds[2 * i + 1]!;
  }
  const threshold = kthSmallest(gaps.subarray(0, gapCount), Math.min(excess, gapCount));

  const mergeWithNext = new Uint8Array(n);
  let merged = 0;
  for (let i = 0; i + 1 < n; i++) {
    if (memory[i] === memory[i + 1] && bounds[2 * (i + 1)]! - bounds[2 * i + 1]! < threshold) {
      mergeWithNext[i] = 1;
      merged++;
    }
  }
  // Gaps of exactly the threshold size, each with the bytes its merge would save given the
  // segments the smaller merges produced. Savings are small integers, so the ties are ordered
  // (most saved first, then earliest) by counting, not by a comparison sort.
  const tieGap = new Int32Array(n);
  const tieSaving = new Int32Array(n);
  let ties = 0;
  let minSaving = Infinity;
  let maxSaving = -Infinity;
  let segmentStart = bounds[0]!;
  for (let i = 0; i + 1 < n; i++) {
    if (mergeWithNext[i]) continue;
    if (memory[i] === memory[i + 1] && bounds[2 * (i + 1)]! - bounds[2 * i + 1]! === threshold) {
      let j = i + 1;
      while (mergeWithNext[j]) j++;
      const next = bounds[2 * (i + 1)]!;
      const header = 3 + signedLebSize(next) + (memory[i] === 0 ? 0 : unsignedLebSize(memory[i]!));
      const saving =
        header +
        unsignedLebSize(bounds[2 * i + 1]! - segmentStart) +
        unsignedLebSize(bounds[2 * j + 1]! - next) -
        unsignedLebSize(bounds[2 * j + 1]! - segmentStart);
      tieGap[ties] = i;
      tieSaving[ties] = saving;
      ties++;
      if (saving < minSaving) minSaving = saving;
      if (saving > maxSaving) maxSaving = saving;
    }
    segmentStart = bounds[2 * (i + 1)]!;
  }
  let needed = excess - merged;
  for (let saving = maxSaving; saving >= minSaving && needed > 0; saving--) {
    for (let t = 0; t < ties && needed > 0; t++) {
      if (tieSaving[t] === saving) {
        mergeWithNext[tieGap[t]!] = 1;
        needed--;
      }
    }
  }

  const out = new RunList(max);
  let currentStart = bounds[0]!;
  for (let i = 1; i <= n; i++) {
    if (i < n && mergeWithNext[i - 1]) continue;
    out.push(memory[i - 1]!, currentStart, bounds[2 * i - 1]!);
    if (i < n) currentStart = bounds[2 * i]!;
  }
  return out;
}

/** Gap sizes below this are counted, not sorted, when looking for the threshold. */
const COUNTED_GAPS = 1 << 16;

/**
 * The `rank`-th smallest (from 1) of `values`, which are non-negative integers (gap sizes): a
 * count of each small value, and a sort of only the large ones when the answer is among them.
 * Linear where a sort of every gap took most of the cap's time (hundreds of thousands of runs).
 */
export function kthSmallest(values: Float64Array, rank: number): number {
  const counts = new Uint32Array(COUNTED_GAPS);
  let large = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value < COUNTED_GAPS) counts[value]!++;
    else large++;
  }
  let seen = 0;
  for (let value = 0; value < COUNTED_GAPS; value++) {
    seen += counts[value]!;
    if (seen >= rank) return value;
  }
  const rest = new Float64Array(large);
  let at = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! >= COUNTED_GAPS) rest[at++] = values[i]!;
  return rest.sort()[rank - seen - 1]!;
}

/** Bytes of the LEB128 encoding of a segment length. */
function unsignedLebSize(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) n++;
  return n;
}

/** Bytes of the signed LEB128 encoding of a non-negative offset (`i32.const` / `i64.const`). */
function signedLebSize(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x40; v = Math.floor(v / 128)) n++;
  return n;
}
