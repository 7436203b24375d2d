/**
 * Phase 3: instrument. Makes a copy of the input that lets the host read all state the snapshot
 * needs, bit for bit:
 *
 *   (global $g (mut f32) ...)   gains   (func (export "__wizer_global_0") (result i32)
 *                                          global.get $g  i32.reinterpret_f32)
 *   (memory $m 1)               gains   (export "__wizer_memory_0" (memory $m))
 *
 * Getter functions are needed because the JS API canonicalizes NaN payloads of f32/f64 globals
 * and cannot read v128 values at all; reinterpreting to integers (and splitting v128 into two i64
 * lanes) keeps every bit. The instrumented module is only ever run, never written out: the output
 * is rebuilt from the original bytes.
 *
 * The start section is turned into an export so the host can bind the instance's memory to WASI
 * before the start function runs (V8 would run it inside the Instance constructor).
 */
import { ExternalKind, Op, SECTION_RANK, SectionId, ValTypeCode } from '../wasm/constants.js';
import { type RawSection, readSections } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import { ByteSink, concatChunks, sectionHeader, totalLength } from '../wasm/writer.js';
import type { ModuleContext } from './context.js';
import type { WizenOptions } from './options.js';
import type { CodeFeatures } from './validate.js';
import { applyCodeEdits, CodeMoves } from './code-edits.js';
import { floatMinMaxEdits } from './float-min-max.js';
import { nanCanonicalEdits } from './nan-canonical.js';
import { relaxedSimdEdits } from './relaxed-simd.js';

/** How the snapshot reads one mutable global back. */
export interface GlobalProbe {
  globalIndex: number;
  type: number;
  /** Export names of the getter(s): one, or [low lane, high lane] for v128. */
  exports: string[];
}

export interface Instrumented {
  wasm: Uint8Array;
  globals: GlobalProbe[];
  /** Export name of each defined memory, by defined-memory index. */
  memories: string[];
  /** Export name of the start function, which the run phase calls itself (see below). */
  start: string | undefined;
  /** The input offset of an offset in the copy's function bodies (for trap backtraces). */
  originalOffset: (offset: number) => number;
}

/** Export name under which the run phase finds (and itself calls) a start function. */
export const START_EXPORT = '__wizer_start';

/** Functions appended to the instrumented module, with their (deduplicated) new types. */
export class AddedFunctions {
  private readonly typeKeys: string[] = [];
  readonly types = new ByteSink();
  readonly funcs = new ByteSink();
  readonly code = new ByteSink();
  count = 0;

  constructor(
    private readonly funcBase: number,
    private readonly typeBase: number,
  ) {}

  get typeCount(): number {
    return this.typeKeys.length;
  }

  /** Appends a function; `body` holds its locals and instructions including the final `end`. */
  add(params: readonly number[], results: readonly number[], body: readonly number[]): number {
    const signature = [0x60, params.length, ...params, results.length, ...results];
    const key = signature.join(',');
    let type = this.typeKeys.indexOf(key);
    if (type < 0) {
      type = this.typeKeys.push(key) - 1;
      this.types.bytes(signature);
    }
    this.funcs.u32(this.typeBase + type);
    this.code.u32(body.length).bytes(body);
    return this.funcBase + this.count++;
  }
}

/**
 * The sites of the validation scan the copy rewrites, as `instrument` takes them: relaxed SIMD
 * when deterministic by flag or by mode; in deterministic mode every NaN canonical (which makes
 * upstream's min/max NaN rule moot), otherwise upstream's min/max.
 */
export function sitesToEdit(
  features: CodeFeatures,
  options: Pick<WizenOptions, 'relaxedSimdDeterministic' | 'deterministic'>,
): [relaxedSimd: number[], floatMinMax: number[], nanCanonical: number[]] {
  const { deterministic } = options;
  return [
    options.relaxedSimdDeterministic || deterministic ? features.relaxedSimdSites : [],
    deterministic ? [] : features.floatMinMaxSites,
    deterministic ? features.nanCanonicalSites : [],
  ];
}

/**
 * Instruments `cx`. The sites (input offsets, from the validation scan) are instructions whose
 * results the copy computes as upstream does (relaxed SIMD and scalar float min/max) or, in
 * deterministic mode, with canonical NaNs (nan-canonical.ts).
 */
export function instrument(
  cx: ModuleContext,
  relaxedSimdSites: readonly number[] = [],
  floatMinMaxSites: readonly number[] = [],
  nanCanonicalSites: readonly number[] = [],
): Instrumented {
  const probes: GlobalProbe[] = [];
  const added = new AddedFunctions(cx.funcTypeIndices.length, cx.types.length);
  const exports = new ByteSink(256);
  let exportCount = 0;

  const addGetter = (name: string, result: number, body: readonly number[]): void => {
    const index = added.add([], [result], [0x00, ...body, Op.End]);
    exports.name(name).byte(ExternalKind.Func).u32(index);
    exportCount++;
  };

  // Defined items follow imported ones in each index space. Core modules given to wizen() import
  // no globals or memories (validation refuses them); core modules inside a component may.
  const importedGlobals = cx.imports.filter((i) => i.kind === ExternalKind.Global).length;
  const importedMemories = cx.imports.filter((i) => i.kind === ExternalKind.Memory).length;
  cx.globals.forEach((g, i) => {
    if (!g.mutable) return;
    const get = [Op.GlobalGet, ...leb(importedGlobals + i)];
    const base = `__wizer_global_${i}`;
    switch (g.type.code) {
      case ValTypeCode.I32:
      case ValTypeCode.I64:
        addGetter(base, g.type.code, get);
        probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
        break;
      case ValTypeCode.F32:
        addGetter(base, ValTypeCode.I32, [...get, Op.I32ReinterpretF32]);
        probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
        break;
      case ValTypeCode.F64:
        addGetter(base, ValTypeCode.I64, [...get, Op.I64ReinterpretF64]);
        probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
        break;
      case ValTypeCode.V128: {
        const lane = (k: number) => [...get, Op.SimdPrefix, Op.I64x2ExtractLane, k];
        addGetter(`${base}_lo`, ValTypeCode.I64, lane(0));
        addGetter(`${base}_hi`, ValTypeCode.I64, lane(1));
        probes.push({ globalIndex: i, type: g.type.code, exports: [`${base}_lo`, `${base}_hi`] });
        break;
      }
      default:
        break; // reference-typed mutable globals were refused by validation
    }
  });
  const memories = cx.memories.map((_, k) => {
    const name = `__wizer_memory_${k}`;
    exports
      .name(name)
      .byte(ExternalKind.Memory)
      .u32(importedMemories + k);
    exportCount++;
    return name;
  });

  const start = startFunction(cx.bytes, cx.sections);
  if (start !== undefined) {
    exports.name(START_EXPORT).byte(ExternalKind.Func).u32(start);
    exportCount++;
  }

  const inputBodiesStart = bodiesStart(cx.bytes, cx.sections);
  // A NaN canonicalisation is inserted (length 0) where its instruction ends, which may be where
  // the next instruction's replacement starts: the insertion goes first.
  const edits = [
    ...relaxedSimdEdits(cx.bytes, relaxedSimdSites, added),
    ...floatMinMaxEdits(cx.bytes, floatMinMaxSites, added),
    ...nanCanonicalEdits(cx, nanCanonicalSites, added),
  ].sort((a, b) => a.at - b.at || a.length - b.length);
  let bodies: Uint8Array | undefined;
  let moves = new CodeMoves();
  if (edits.length > 0) {
    const input = cx.bytes.subarray(inputBodiesStart, codeEnd(cx.sections));
    ({ bodies, moves } = applyCodeEdits(input, inputBodiesStart, edits));
  }

  const replacements = new Map<number, Uint8Array[]>();
  const extend = (id: number, extraCount: number, extra: Uint8Array, entries?: Uint8Array) => {
    if (extraCount === 0 && !entries) return;
    const section = cx.sections.find((s) => s.id === id);
    replacements.set(id, extendVector(cx.bytes, section, extraCount, extra, entries));
  };

  // New types and functions go after the existing ones, so no existing index moves.
  extend(SectionId.Type, added.typeCount, added.types.view());
  extend(SectionId.Function, added.count, added.funcs.view());
  extend(SectionId.Code, added.count, added.code.view(), bodies);
  extend(SectionId.Export, exportCount, exports.view());

  const wasm = assemble(cx.bytes, cx.sections, replacements);
  const copyBodiesStart = bodiesStart(wasm, readSections(wasm));
  return {
    wasm,
    globals: probes,
    memories,
    start: start === undefined ? undefined : START_EXPORT,
    originalOffset: (offset) => inputBodiesStart + moves.original(offset - copyBodiesStart),
  };
}

/**
 * A copy of a preloaded module whose start function is exported (as `START_EXPORT`) instead of
 * run by V8 inside the Instance constructor, so that its WASI calls find its memory, as upstream's.
 * Returns the input itself when there is no start function. `codeShift` says how far the
 * function bodies moved (for trap offsets).
 */
export function deferStartFunction(bytes: Uint8Array): { wasm: Uint8Array; codeShift: number } {
  const sections = readSections(bytes);
  const start = startFunction(bytes, sections);
  if (start === undefined) return { wasm: bytes, codeShift: 0 };
  const entry = new ByteSink(24).name(START_EXPORT).byte(ExternalKind.Func).u32(start).view();
  const exportSection = sections.find((s) => s.id === SectionId.Export);
  const replacements = new Map([[SectionId.Export, extendVector(bytes, exportSection, 1, entry)]]);
  const wasm = assemble(bytes, sections, replacements);
  return { wasm, codeShift: bodiesStart(wasm, readSections(wasm)) - bodiesStart(bytes, sections) };
}

function codeEnd(sections: readonly RawSection[]): number {
  return sections.find((s) => s.id === SectionId.Code)?.end ?? 0;
}

/** Offset of the first function body (past the code section's count), or 0 without one. */
function bodiesStart(bytes: Uint8Array, sections: readonly RawSection[]): number {
  const code = sections.find((s) => s.id === SectionId.Code);
  if (code === undefined) return 0;
  const r = new BinaryReader(bytes, code.payloadStart, code.end);
  r.u32();
  return r.pos;
}

function startFunction(bytes: Uint8Array, sections: readonly RawSection[]): number | undefined {
  const section = sections.find((s) => s.id === SectionId.Start);
  return section && new BinaryReader(bytes, section.payloadStart, section.end).u32();
}

/**
 * The payload of a vector section (types, functions, code, exports) with `extra` appended: its
 * existing entries, or `entries` in their place (the function bodies after lowering). As chunks,
 * so the existing entries (megabytes of code) are copied once, into the assembled module.
 */
function extendVector(
  bytes: Uint8Array,
  section: RawSection | undefined,
  extraCount: number,
  extra: Uint8Array,
  entries?: Uint8Array,
): Uint8Array[] {
  let count = extraCount;
  let rest: Uint8Array = new Uint8Array(0);
  if (section) {
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    count += r.u32();
    rest = entries ?? bytes.subarray(r.pos, section.end);
  }
  return [new ByteSink(5).u32(count).view(), rest, extra];
}

/** Copies the input's sections, swapping in replacements and inserting new sections in order. */
function assemble(
  bytes: Uint8Array,
  sections: readonly RawSection[],
  replacements: Map<number, Uint8Array[]>,
): Uint8Array {
  const chunks: Uint8Array[] = [bytes.subarray(0, 8)];
  const pending = new Map(replacements);
  const pushSection = (id: number, body: Uint8Array[]) => {
    chunks.push(sectionHeader(id, totalLength(body)), ...body);
    pending.delete(id);
  };
  const flushBefore = (rank: number) => {
    for (const [id, body] of [...pending].sort(
      (a, b) => SECTION_RANK[a[0]]! - SECTION_RANK[b[0]]!,
    )) {
      if (SECTION_RANK[id]! < rank) pushSection(id, body);
    }
  };
  for (const s of sections) {
    if (s.id === SectionId.Start) continue; // exported instead, see above
    if (s.id !== SectionId.Custom) flushBefore(SECTION_RANK[s.id]!);
    const body = pending.get(s.id);
    if (body && s.id !== SectionId.Custom) pushSection(s.id, body);
    else chunks.push(bytes.subarray(s.start, s.end));
  }
  flushBefore(Infinity);
  return concatChunks(chunks);
}

function leb(value: number): number[] {
  return Array.from(new ByteSink(5).u32(value).view());
}
