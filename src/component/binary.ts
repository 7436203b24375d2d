/**
 * The component binary as `parseComponent` describes it: section ranges, the core modules and
 * core instances, imports and exports, and the index spaces that `rewriteComponent` renumbers and
 * `findInitExport` searches. Every range is `[start, end)` in the input bytes; nothing is copied.
 *
 * Encoding: component-model `design/mvp/Binary.md` (preamble `00 61 73 6d 0d 00 01 00`).
 */
import type { RawSection } from '../wasm/module.js';
import type { WaveSignature, WaveType } from './wave.js';

/** Section ids of the component layer (Binary.md "Component Definitions"). */
export const ComponentSectionId = {
  Custom: 0,
  CoreModule: 1,
  CoreInstance: 2,
  CoreType: 3,
  Component: 4,
  Instance: 5,
  Alias: 6,
  Type: 7,
  Canon: 8,
  Start: 9,
  Import: 10,
  Export: 11,
  Value: 12,
} as const;

/** The 8-byte preamble of a component: magic, version 0x0d, layer 1. */
export const COMPONENT_PREAMBLE: readonly number[] = [
  0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00,
];

/** Sorts of the core layer as they appear inside a component (`core:sort`). */
export type CoreSort =
  'func' | 'table' | 'memory' | 'global' | 'tag' | 'type' | 'module' | 'instance';

/**
 * Sorts of the component layer. Core sorts carry a `core ` prefix (`core module`), the others are
 * the component index spaces.
 */
export type Sort = `core ${CoreSort}` | 'func' | 'value' | 'type' | 'component' | 'instance';

/** A half-open byte range of the input. */
export interface ByteRange {
  start: number;
  end: number;
}

/** An `externtype`: what an import provides or an export's type ascription claims. */
export type ExternType =
  | { sort: 'core module'; typeIndex: number }
  | { sort: 'func'; typeIndex: number }
  | { sort: 'value' }
  | { sort: 'type'; bound: 'eq'; typeIndex: number }
  | { sort: 'type'; bound: 'sub resource' }
  | { sort: 'component'; typeIndex: number }
  | { sort: 'instance'; typeIndex: number };

/** A section of the component with its position in the section list. */
export interface ComponentSection extends RawSection {
  /** Position in `ParsedComponent.sections`. */
  index: number;
  /** Offset and end of the leading item count of a vector section. */
  count?: ByteRange;
}

/** A reference to a component function index as written in the binary (an unsigned LEB128). */
export interface FuncRef extends ByteRange {
  /** Section holding the reference. */
  section: number;
  /** The function index written there. */
  index: number;
  /** What holds it, for error messages. */
  holder: 'instantiate argument' | 'inline export' | 'canon lower' | 'export';
}

/** A core module defined by a module section. */
export interface CoreModuleInfo {
  /** Index in the core module index space (module sections count in order). */
  index: number;
  /** Section holding the module. */
  section: number;
  /** Byte range of the embedded module binary (the section payload). */
  range: ByteRange;
  /** Core instance index that instantiates this module, if any. */
  instance: number | undefined;
}

export interface CoreInstantiateArg {
  name: string;
  /** Core instance supplied for this import module name. */
  instance: number;
}

export interface CoreInlineExport {
  name: string;
  sort: CoreSort;
  index: number;
}

/** An entry of a core instance section, in instantiation order. */
export type CoreInstanceInfo = { index: number; section: number; range: ByteRange } & (
  | { kind: 'instantiate'; module: number; args: CoreInstantiateArg[] }
  | { kind: 'exports'; exports: CoreInlineExport[] }
);

/** A `sortidx` of the component layer: `(with "name" (func 3))`, `(export "x" (instance 1))`. */
export interface SortIndex {
  name: string;
  sort: Sort;
  index: number;
}

/** A component-level import. */
export interface ImportInfo {
  name: string;
  type: ExternType;
  /** Index the import adds to the index space of its sort. */
  index: number;
  section: number;
  range: ByteRange;
}

/** A component-level export. */
export interface ExportInfo {
  name: string;
  sort: Sort;
  /** The exported definition (an index in the `sort` space). */
  target: number;
  /** Type ascription, if given. */
  ascription: ExternType | undefined;
  /** Index the export itself adds to the `sort` space (exports are aliases of what they export). */
  index: number;
  section: number;
  range: ByteRange;
}

/** How a component function index came to be (Binary.md: imports, aliases, canon lift, exports). */
export type FuncDef =
  | { kind: 'import'; name: string; typeIndex: number }
  | { kind: 'alias'; instance: number; name: string }
  | { kind: 'lift'; coreFunc: number; typeIndex: number }
  | { kind: 'export'; name: string; target: number };

/**
 * How a core function index of the component came to be: an alias of a core instance's export
 * (how lifted functions and canonical options name core code), a `canon lower` of a component
 * function, or another canonical built-in (resource.new, task.return, ...; `opcode` says which).
 */
export type CoreFuncDef =
  | { kind: 'alias'; instance: number; name: string }
  | { kind: 'lower'; func: number }
  | { kind: 'builtin'; opcode: number };

/** How a component instance index came to be. */
export type InstanceDef =
  | { kind: 'import'; name: string; typeIndex: number }
  | { kind: 'instantiate'; component: number; args: SortIndex[] }
  | { kind: 'exports'; exports: SortIndex[] }
  | { kind: 'alias'; instance: number; name: string }
  | { kind: 'export'; name: string; target: number; ascription: ExternType | undefined };

/** One export (or import) declaration of a component or instance type. */
export interface DeclaredItem {
  name: string;
  type: ExternType;
  /** For a function declared in an instance or component type, its shape when known. */
  funcType?: FuncShape;
  /** For a type declared (`eq`) in an instance type, what it is when known (value types). */
  typeSummary?: TypeSummary;
}

/** The shape of a component function type. */
export interface FuncShape {
  params: number;
  results: number;
  async: boolean;
  /** Parameter names and types and the result type, when the binary says them all. */
  signature?: WaveSignature;
}

/** What `findInitExport` needs to know of a type: the items of instance and component types. */
export type TypeSummary =
  | { kind: 'instance'; exports: DeclaredItem[] }
  | { kind: 'component'; imports: DeclaredItem[]; exports: DeclaredItem[] }
  | {
      kind: 'func';
      async: boolean;
      params: number;
      results: number;
      /** Parameter and result types, where the binary says them. */
      signature?: WaveSignature;
    }
  | { kind: 'resource' }
  /** A value type; `type` describes it for WAVE values (undefined: error-context). */
  | { kind: 'value'; type?: WaveType };

/** How a component type index came to be. */
export type TypeDef =
  | { kind: 'defined'; summary: TypeSummary }
  | { kind: 'import'; name: string; bound: 'eq' | 'sub resource'; typeIndex: number | undefined }
  | { kind: 'alias'; instance: number; name: string }
  | { kind: 'outer'; count: number; index: number }
  | { kind: 'export'; name: string; target: number; ascription: ExternType | undefined };

/** A nested component (component section). Only components without core modules get this far. */
export interface NestedComponentInfo {
  index: number;
  section: number;
  /** Byte range of the embedded component binary (the section payload). */
  range: ByteRange;
  /** Whether it (or a component inside it) has a module section; refused when true. */
  containsModules: boolean;
  imports: DeclaredItem[];
  /** Its exports, with the ascribed type when there is one, and the shape of exported funcs. */
  exports: {
    name: string;
    sort: Sort;
    ascription: ExternType | undefined;
    funcType: FuncShape | undefined;
  }[];
}

/** The typed description of a top-level component returned by `parseComponent`. */
export interface ParsedComponent {
  bytes: Uint8Array;
  sections: ComponentSection[];
  modules: CoreModuleInfo[];
  coreInstances: CoreInstanceInfo[];
  imports: ImportInfo[];
  exports: ExportInfo[];
  components: NestedComponentInfo[];
  /** The component function index space, index by index. */
  funcs: FuncDef[];
  /** The component instance index space. */
  instances: InstanceDef[];
  /** The component type index space. */
  types: TypeDef[];
  /** Every use of a component function index, in byte order. */
  funcRefs: FuncRef[];
  /** The core function index space of the component layer. */
  coreFuncs: CoreFuncDef[];
  /** Size of the core type index space (core type sections and outer aliases of core types). */
  coreTypeCount: number;
}
