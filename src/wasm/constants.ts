/** Binary-format constants from the WebAssembly core specification (and its proposals). */

export const WASM_MAGIC = 0x6d736100; // "\0asm" little-endian
export const CORE_VERSION = 1;
/** Component-model binaries share the magic but carry version 0x0d and layer 1. */
export const COMPONENT_VERSION = 0x0d;

export const SectionId = {
  Custom: 0,
  Type: 1,
  Import: 2,
  Function: 3,
  Table: 4,
  Memory: 5,
  Global: 6,
  Export: 7,
  Start: 8,
  Element: 9,
  Code: 10,
  Data: 11,
  DataCount: 12,
  Tag: 13,
} as const;

/**
 * Position of each known section id in the order the core binary format requires (ids are not
 * in that order: tags come after memories, the data count before code), for inserting a section.
 */
export const SECTION_RANK: Readonly<Record<number, number>> = {
  [SectionId.Type]: 1,
  [SectionId.Import]: 2,
  [SectionId.Function]: 3,
  [SectionId.Table]: 4,
  [SectionId.Memory]: 5,
  [SectionId.Tag]: 6,
  [SectionId.Global]: 7,
  [SectionId.Export]: 8,
  [SectionId.Start]: 9,
  [SectionId.Element]: 10,
  [SectionId.DataCount]: 11,
  [SectionId.Code]: 12,
  [SectionId.Data]: 13,
};

export const ExternalKind = {
  Func: 0,
  Table: 1,
  Memory: 2,
  Global: 3,
  Tag: 4,
} as const;
export type ExternalKind = (typeof ExternalKind)[keyof typeof ExternalKind];

export const ValTypeCode = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
} as const;

/** Opcodes used when writing constant expressions. */
export const Op = {
  End: 0x0b,
  GlobalGet: 0x23,
  I32Const: 0x41,
  I64Const: 0x42,
  F32Const: 0x43,
  F64Const: 0x44,
  I32ReinterpretF32: 0xbc,
  I64ReinterpretF64: 0xbd,
  SimdPrefix: 0xfd,
  V128Const: 0x0c,
  I64x2ExtractLane: 0x1d,
} as const;

export const SECTION_NAMES: Record<number, string> = {
  0: 'custom',
  1: 'type',
  2: 'import',
  3: 'function',
  4: 'table',
  5: 'memory',
  6: 'global',
  7: 'export',
  8: 'start',
  9: 'element',
  10: 'code',
  11: 'data',
  12: 'data count',
  13: 'tag',
};
