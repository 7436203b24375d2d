/**
 * The parsed view of an input module shared by every phase. It holds byte ranges into the
 * original input (never copies) plus the few decoded facts the phases need.
 */
import type { ExternalKind } from '../wasm/constants.js';
import type { Limits, RawSection, ValType } from '../wasm/module.js';

export interface FuncType {
  params: ValType[];
  results: ValType[];
  /** Offset of the type's form byte (0x60) in the input. */
  offset: number;
}

export interface Import {
  module: string;
  name: string;
  kind: ExternalKind;
  /** Type index of an imported function. */
  typeIndex: number;
}

export interface Export {
  name: string;
  kind: ExternalKind;
  index: number;
}

export interface MemoryDef {
  limits: Limits;
  shared: boolean;
  memory64: boolean;
}

export interface GlobalDef {
  type: ValType;
  mutable: boolean;
  /** Byte range of the original init expression, including its `end`. */
  initStart: number;
  initEnd: number;
}

export interface DataSegment {
  /** Active segments are replaced by empty passive ones; passive ones are copied verbatim. */
  active: boolean;
  /** Byte range of the whole encoded segment in the input. */
  start: number;
  end: number;
}

/** Features the module uses that upstream's engine configuration decides on. */
export interface FeatureUse {
  /** Offset of the first exceptions-proposal construct (tag section or instruction). */
  exceptionsAt?: number;
  /** The first GC construct at module level (rec group, subtype, struct, array, const op). */
  gc?: { offset: number; reason: string };
  /** Offset of a memory with a custom page size. */
  customPageSizeAt?: number;
  /** The first module-level reference type upstream's engine refuses (see ref-types.ts). */
  refTypeRefusal?: { offset: number; reason: string };
  /** Offset of the type of a shared global (shared-everything threads). */
  sharedGlobalAt?: number;
  /** Offsets of every shared global's flags byte. */
  sharedGlobalFlags?: number[];
  /** Offset of the first table with an initializer expression (function references). */
  tableInitAt?: number;
  /** Offset of a `global.get` inside a constant expression (of a defined global). */
  constGlobalGetAt?: number;
}

export interface ModuleContext {
  /** The original input bytes; every range below refers to it. */
  bytes: Uint8Array;
  sections: RawSection[];
  /** Function types by type index; `undefined` for non-function (GC) composite types. */
  types: Array<FuncType | undefined>;
  imports: Import[];
  /** Type index of every function, imported ones first. */
  funcTypeIndices: number[];
  importedFuncCount: number;
  tableCount: number;
  memories: MemoryDef[];
  globals: GlobalDef[];
  exports: Export[];
  dataSegments: DataSegment[];
  /** The data count section's value, if the section exists. */
  dataCount: number | undefined;
  tagCount: number;
  features: FeatureUse;
}

/** Prefix reserved for the names instrumentation adds. */
export const RESERVED_PREFIX = '__wizer_';
