/**
 * Replacing single instructions inside function bodies of the instrumented copy (relaxed SIMD and
 * float min/max lowering), where a replacement may be longer or shorter than the original, and
 * inserting code (edits of length 0: NaN canonicalisation). The bodies that change get new size
 * prefixes; `CodeMoves` maps offsets in the copy back to the original, for trap backtraces.
 */
import { BinaryReader } from '../wasm/reader.js';
import { ByteSink } from '../wasm/writer.js';

/**
 * One instruction to replace, or code to insert: `length` bytes (0 for an insertion) at input
 * offset `at` become `bytes`. At one offset an insertion goes before a replacement.
 */
export interface CodeEdit {
  at: number;
  length: number;
  bytes: readonly number[];
}

/**
 * Where the bodies of the copy moved relative to the original: from `at[i]` (an offset in the
 * copy's bodies) on, the original offset is the copy's minus `shift[i]`. Both ascend with `at`.
 */
export class CodeMoves {
  constructor(
    private readonly at: readonly number[] = [],
    private readonly shift: readonly number[] = [],
  ) {}

  /** The original offset, relative to the first body, of `offset` relative to the copy's. */
  original(offset: number): number {
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? offset : offset - this.shift[lo - 1]!;
  }
}

/**
 * The function bodies (the code section's entries; `bodiesStart` is the input offset of
 * `bodies[0]`) with `edits` applied, in ascending order of `at`, and how offsets moved.
 */
export function applyCodeEdits(
  bodies: Uint8Array,
  bodiesStart: number,
  edits: readonly CodeEdit[],
): { bodies: Uint8Array; moves: CodeMoves } {
  const growth = edits.reduce((sum, e) => sum + Math.max(0, e.bytes.length - e.length + 4), 0);
  const out = new ByteSink(bodies.length + growth + 16);
  const at: number[] = [];
  const shift: number[] = [];
  const r = new BinaryReader(bodies, 0, bodies.length);
  let next = 0; // index into edits
  while (r.pos < bodies.length) {
    const sizeAt = r.pos;
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    r.pos = end;
    if (next >= edits.length || edits[next]!.at - bodiesStart >= end) {
      out.bytes(bodies.subarray(sizeAt, end)); // untouched, size prefix as given
      continue;
    }
    const body = new ByteSink(size + 16);
    let from = start;
    const applied: Array<[inBody: number, edit: CodeEdit]> = [];
    for (; next < edits.length && edits[next]!.at - bodiesStart < end; next++) {
      const edit = edits[next]!;
      const site = edit.at - bodiesStart;
      body.bytes(bodies.subarray(from, site));
      applied.push([body.length, edit]);
      body.bytes(edit.bytes);
      from = site + edit.length;
    }
    body.bytes(bodies.subarray(from, end));
    out.u32(body.length);
    // Everything from the body on moved by the size prefix's change, then by each edit's.
    let by = out.length - start;
    if (by !== (shift.at(-1) ?? 0)) {
      at.push(out.length);
      shift.push(by);
    }
    const bodyAt = out.length;
    for (const [offset, edit] of applied) {
      if (edit.bytes.length === edit.length) continue;
      by += edit.bytes.length - edit.length;
      at.push(bodyAt + offset + edit.bytes.length);
      shift.push(by);
    }
    out.bytes(body.view());
  }
  return { bodies: out.view(), moves: new CodeMoves(at, shift) };
}
