/**
 * Phase 6: rewrite. Builds the output from the ORIGINAL sections in file order: memory minimums
 * become the snapshot sizes, mutable globals become constants, exports are filtered and renamed,
 * the start section is dropped, and the data section is rebuilt (old active segments become empty
 * passive ones so segment indices stay stable, passive ones are kept, then one active segment per
 * snapshot run). Every other section is copied byte for byte.
 *
 *   (memory 1) (global (mut i32) (i32.const 0)) (data (i32.const 16) "hi") (start $s)
 *   => (memory 2) (global (mut i32) (i32.const 42)) (data "") (data (i32.const 16) "hi!")
 */
import { WizerError } from '../errors.js';
import { ExternalKind, SectionId } from '../wasm/constants.js';
import { ByteSink, concatChunks, sectionHeader, totalLength } from '../wasm/writer.js';
import type { ModuleContext } from './context.js';
import type { RunList, Snapshot } from './snapshot.js';

export interface RewriteOptions {
  initFunc: string;
  keepInitFunc: boolean;
  renames: ReadonlyArray<readonly [dst: string, src: string]>;
  /** Keep a reactor's `_initialize` export (core modules of a component keep it, as upstream). */
  keepReactorInit?: boolean;
}

/** Checks the renames as upstream does (at snapshot time, after init ran). */
export function checkRenames(renames: RewriteOptions['renames']): void {
  const dsts = new Set<string>();
  const srcs = new Set<string>();
  for (const [dst, src] of renames) {
    if (dsts.has(dst)) throw new WizerError(`Duplicated function rename dst ${dst}`);
    if (srcs.has(src)) throw new WizerError(`Duplicated function rename src ${src}`);
    dsts.add(dst);
    srcs.add(src);
  }
}

export function rewrite(cx: ModuleContext, snap: Snapshot, options: RewriteOptions): Uint8Array {
  return concatChunks(rewriteParts(cx, snap, options));
}

/**
 * The output as the chunks it is made of, in order: views of the input's sections, new sections,
 * and the data segments (headers, with short runs copied in, and views of the memory bytes).
 * Written to a file as they are, the output is never assembled.
 */
export function rewriteParts(
  cx: ModuleContext,
  snap: Snapshot,
  options: RewriteOptions,
): Uint8Array[] {
  checkRenames(options.renames);
  const chunks: Uint8Array[] = [cx.bytes.subarray(0, 8)];
  let dataWritten = false;
  const emit = (id: number, body: Uint8Array) => chunks.push(sectionHeader(id, body.length), body);
  const emitData = () => {
    for (const chunk of encodeData(cx, snap)) chunks.push(chunk);
    dataWritten = true;
  };

  for (const s of cx.sections) {
    switch (s.id) {
      case SectionId.Memory:
        emit(s.id, encodeMemories(cx, snap));
        break;
      case SectionId.Global:
        emit(s.id, encodeGlobals(cx, snap));
        break;
      case SectionId.Export:
        emit(s.id, encodeExports(cx, options));
        break;
      case SectionId.Start:
        break; // the start function already ran; its effects are in the snapshot
      case SectionId.DataCount:
        emit(
          s.id,
          new ByteSink(5)
            .u32((cx.dataCount ?? 0) + snap.segments.length)
            .view()
            .slice(),
        );
        break;
      case SectionId.Data:
        emitData();
        break;
      case SectionId.Custom:
        if (s.customName === 'name' && !dataWritten) emitData();
        chunks.push(cx.bytes.subarray(s.start, s.end));
        break;
      default:
        chunks.push(cx.bytes.subarray(s.start, s.end));
    }
  }
  if (!dataWritten) emitData();
  return chunks;
}

function encodeMemories(cx: ModuleContext, snap: Snapshot): Uint8Array {
  const sink = new ByteSink(16 * cx.memories.length + 4).u32(cx.memories.length);
  cx.memories.forEach((m, k) => {
    const { flags, max, pageSizeLog2 } = m.limits;
    const min = snap.memoryPages[k]!;
    sink.byte(flags);
    if (m.memory64) sink.u64(min);
    else sink.u32(Number(min));
    if (max !== undefined) {
      if (m.memory64) sink.u64(max);
      else sink.u32(Number(max));
    }
    if (pageSizeLog2 !== undefined) sink.u32(pageSizeLog2);
  });
  return sink.view();
}

function encodeGlobals(cx: ModuleContext, snap: Snapshot): Uint8Array {
  const sink = new ByteSink(32 * cx.globals.length + 4).u32(cx.globals.length);
  cx.globals.forEach((g, i) => {
    sink.bytes(g.type.bytes).byte(g.mutable ? 1 : 0);
    sink.bytes(snap.globals.get(i) ?? cx.bytes.subarray(g.initStart, g.initEnd));
  });
  return sink.view();
}

/** Export filtering and renaming, in the original export order (spec section 3.6.4). */
function encodeExports(cx: ModuleContext, options: RewriteOptions): Uint8Array {
  const srcToDst = new Map(options.renames.map(([dst, src]) => [src, dst]));
  const dsts = new Set(options.renames.map(([dst]) => dst));
  const hasReactorInit =
    !options.keepReactorInit && cx.exports.some((e) => e.name === '_initialize');
  const sink = new ByteSink(64);
  let count = 0;
  for (const e of cx.exports) {
    if (e.name === options.initFunc && !options.keepInitFunc) continue;
    if (hasReactorInit && e.name === '_initialize') continue;
    if (!srcToDst.has(e.name) && dsts.has(e.name)) continue; // replaced by a rename
    sink
      .name(srcToDst.get(e.name) ?? e.name)
      .byte(e.kind)
      .u32(e.index);
    count++;
  }
  const body = sink.view();
  return new ByteSink(body.length + 5).u32(count).bytes(body).view();
}

/**
 * The data section as chunks: section header, count, kept/emptied original segments, then one
 * segment per snapshot run.
 */
function encodeData(cx: ModuleContext, snap: Snapshot): Uint8Array[] {
  const body: Uint8Array[] = [];
  const count = cx.dataSegments.length + snap.segments.length;
  body.push(new ByteSink(5).u32(count).view().slice());
  const emptyPassive = Uint8Array.of(0x01, 0x00);
  for (const seg of cx.dataSegments) {
    body.push(seg.active ? emptyPassive : cx.bytes.subarray(seg.start, seg.end));
  }
  // Snapshot runs name defined memories; imported ones come first in the index space (none in a
  // module given to wizen(), maybe some in a core module inside a component).
  const importedMemories = cx.imports.filter((i) => i.kind === ExternalKind.Memory).length;
  const runs = snap.segments;
  for (let from = 0; from < runs.length;) {
    const memory = runs.memory[from]!;
    let to = from + 1;
    while (to < runs.length && runs.memory[to] === memory) to++;
    const { bytes, kernel } = snap.images[memory]!;
    const index = importedMemories + memory;
    const segments = kernel
      ? kernel.segments(runs.pairs(from, to), index, bytes)
      : encodeSegments(runs, from, to, bytes, index, cx.memories[memory]!.memory64);
    for (const chunk of segments) body.push(chunk);
    from = to;
  }
  body.unshift(sectionHeader(SectionId.Data, totalLength(body)));
  return body;
}

/**
 * Runs `from` to `to` (of one memory) as active data segments, header and bytes chunks, where
 * the kernel does not apply. All headers go into one buffer (sized so it never reallocates) and
 * are referenced as views, so 10,000 segments allocate a handful of objects, not tens of
 * thousands.
 */
function encodeSegments(
  runs: RunList,
  from: number,
  to: number,
  bytes: Uint8Array,
  memoryIndex: number,
  memory64: boolean,
): Uint8Array[] {
  const headers = new ByteSink(24 * (to - from) + 1);
  const headerEnds: number[] = [];
  for (let k = from; k < to; k++) {
    if (memoryIndex === 0) headers.byte(0x00);
    else headers.byte(0x02).u32(memoryIndex);
    const offset = runs.start(k);
    if (memory64) headers.byte(0x42).s64(BigInt(offset));
    else headers.byte(0x41).s32(offset | 0);
    headers.byte(0x0b).u32(runs.end(k) - offset);
    headerEnds.push(headers.length);
  }
  const headerBytes = headers.view();
  const chunks: Uint8Array[] = [];
  for (let k = from; k < to; k++) {
    const i = k - from;
    chunks.push(
      headerBytes.subarray(i === 0 ? 0 : headerEnds[i - 1], headerEnds[i]),
      bytes.subarray(runs.start(k), runs.end(k)),
    );
  }
  return chunks;
}
