/**
 * The state of one component scope while `parseComponent` walks it (the top level or a nested
 * component): its index spaces so far, and the refusals and modules met, in byte order.
 */
import { WasmDecodeError } from '../errors.js';
import type { BinaryReader } from '../wasm/reader.js';
import type {
  ByteRange,
  ComponentSection,
  CoreModuleInfo,
  FuncRef,
  ParsedComponent,
  Sort,
} from './binary.js';
import type { IndexAt } from './entries.js';

export type Step = { kind: 'refuse'; message: string } | { kind: 'module'; module: CoreModuleInfo };

/** Index spaces and findings of one component scope (the top level or a nested component). */
export interface Scope extends ParsedComponent {
  top: boolean;
  containsModules: boolean;
  coreInstanceCount: number;
  componentCount: number;
  /** Core modules of any origin (refused imports, aliases and exports of modules count too). */
  moduleCount: number;
}

/** Records refusals in byte order; only the first one (and the modules before it) matter. */
export class Steps {
  readonly list: Step[] = [];
  /** Every module section's payload, nested ones included, in byte order. */
  readonly allModules: ByteRange[] = [];
  private refused = false;

  refuse(message: string): void {
    if (this.refused) return;
    this.refused = true;
    this.list.push({ kind: 'refuse', message });
  }

  module(module: CoreModuleInfo): void {
    if (!this.refused) this.list.push({ kind: 'module', module });
  }
}

/** An empty scope; `top` is the outermost component (the only one whose modules are kept). */
export function newScope(bytes: Uint8Array, top: boolean): Scope {
  return {
    bytes,
    top,
    containsModules: false,
    sections: [],
    modules: [],
    coreInstances: [],
    imports: [],
    exports: [],
    components: [],
    funcs: [],
    instances: [],
    types: [],
    funcRefs: [],
    coreFuncs: [],
    coreTypeCount: 0,
    coreInstanceCount: 0,
    componentCount: 0,
    moduleCount: 0,
  };
}

/** Upstream's words for an item kind it does not handle in imports, exports or aliases. */
export function unsupportedKind(
  sort: Sort,
  what: 'imports' | 'exports' | 'aliases',
): string | undefined {
  const kind =
    sort === 'core module'
      ? 'module'
      : sort === 'component'
        ? 'component'
        : sort === 'value'
          ? 'value'
          : undefined;
  return kind === undefined ? undefined : `wizer does not currently support ${kind} ${what}`;
}

/** Counts an item of a refused sort in its index space, so later indices still check. */
export function countRefused(scope: Scope, sort: Sort): void {
  if (sort === 'core module') scope.moduleCount++;
  else if (sort === 'component') scope.componentCount++;
}

const INDEX_SPACES: Partial<Record<Sort, [string, (scope: Scope) => number]>> = {
  func: ['function', (s) => s.funcs.length],
  instance: ['instance', (s) => s.instances.length],
  type: ['type', (s) => s.types.length],
  component: ['component', (s) => s.componentCount],
  'core module': ['module', (s) => s.moduleCount],
  'core func': ['core function', (s) => s.coreFuncs.length],
  'core instance': ['core instance', (s) => s.coreInstanceCount],
};

/**
 * Checks that `index` exists in the `sort` space so far (the rewrite renumbers by these spaces,
 * so it relies on them). Other sorts are left to validation.
 */
export function checkIndex(scope: Scope, sort: Sort, index: number, at: number): void {
  const space = INDEX_SPACES[sort];
  if (space === undefined || index < space[1](scope)) return;
  throw new WasmDecodeError(`unknown ${space[0]} ${index}: ${space[0]} index out of bounds`, at);
}

/** Reads a vector section's count and records where it sits. */
export function count(section: ComponentSection, r: BinaryReader): number {
  const start = r.pos;
  const n = r.u32();
  section.count = { start, end: r.pos };
  return n;
}

/** A use of a component function index, found in `section` at `at`. */
export function funcRef(
  section: ComponentSection,
  at: IndexAt,
  holder: FuncRef['holder'],
): FuncRef {
  return { section: section.index, index: at.index, start: at.start, end: at.end, holder };
}
