/**
 * Runs a component on V8 through jco's instantiation-mode glue: jco's transpiler turns the
 * ORIGINAL component into JS that does the canonical ABI (lifting, lowering, strings,
 * resources, post-return) and instantiates the core modules in the component's order, taking
 * every core module from us and every core instantiation through our hook. So the pipeline hands
 * over instrumented modules, keeps each core instance as it is created, calls the init export and
 * reads globals and memories through the core instrumentation's `__wizer_*` exports: no accessor
 * module (upstream's `wasmtime:wizer/access`) is needed.
 *
 * What the glue looks like (jco-transpile 0.15, `instantiation: 'async'`, found by experiment):
 *
 * - Core modules: `component.core.wasm`, `component.core2.wasm`, `component.core3.wasm`, ... are
 *   Wasmtime's static modules in order: the component's module sections as they appear (a module
 *   that is never instantiated is there too), then any adapter module Wasmtime synthesizes
 *   (`moduleIndex` undefined here) for a lifted function that is lowered again: between nested
 *   component instances (upstream refuses nested components that contain modules) or within one
 *   component (calling it traps: no re-entrance). An adapter defines no memory or global, so it
 *   is passed through as it is. The glue asks for every file up front, through
 *   `getCoreModule(file)`. Their bytes are the module sections' bytes unchanged because we pass
 *   `multiMemory: true`: with it off, jco rewrites any module that needs multi-memory (adapters,
 *   but also a module of the component with two memories) into a single-memory copy that calls JS
 *   for loads and stores. V8 in Node 24 has multi-memory.
 * - Core instantiation: `instantiateCore(module, importObject)` once per core instance in the
 *   component's order, `importObject` undefined for a module without imports; its import objects
 *   are keyed by the module's own import names (`{ a: { memory }, host: { log } }`); the glue
 *   reads `.exports` of what the hook returns, so extra exports do no harm. It may return the
 *   instance or a promise of it. A core module's start function runs inside V8's instantiation,
 *   so an instrumented module whose start was turned into an export must have it called right
 *   there, inside the hook, before the glue continues.
 * - Host imports: `imports['ns:pkg/iface']` (the version is dropped: `test:host/log@0.1.0` is
 *   read as `test:host/log`; `imports` of {@link ComponentGlue} lists these keys), functions under
 *   camel-cased names (`get-num` -> `getNum`), resource types as classes (`output-stream` ->
 *   `OutputStream`, methods camel-cased). A missing interface fails instantiation.
 * - Exports: root functions camel-cased (`wizer-initialize` -> `wizerInitialize`, see
 *   {@link jsName}); an exported instance is an object of camel-cased functions under both its
 *   full name with version (`test:pkg/api@1.2.3`) and its short camel-cased name (`api`).
 * - Values: s64/u64 are BigInt, other integers numbers, f32/f64 numbers (NaN payloads are not
 *   kept across the boundary), strings JS strings (copied in through the guest's `realloc`),
 *   `list<u8>` a Uint8Array. A trap is a `WebAssembly.RuntimeError` whose message jco rewrites to
 *   Wasmtime's wording (`wasm trap: wasm \`unreachable\` instruction executed`); after a trap the
 *   component refuses further calls.
 * - Async: a function lifted with the component-model `async` option (WASI 0.3 style) is an
 *   `async function` in the glue, and running it needs JSPI, which Node 24 has only behind a
 *   flag: {@link isAsyncLifted} tells, so the pipeline can refuse it. Sync-lifted functions are
 *   plain functions returning their result.
 * - Resources: handles live in per-resource-type tables inside the glue's closure (host
 *   resources: the host's objects; the component's own: their `rep`), not in any core memory, so
 *   a snapshot cannot carry them: a handle kept by the guest after init would point at nothing
 *   (or at a different resource) in the wizened component. We patch the lines of the glue that
 *   create the tables so they can be counted ({@link ComponentInstance.liveHandles}); the
 *   pipeline refuses init that leaves any (or first lets the preview1 adapter drop its cached
 *   stdio handles). Host resources are also dropped through `[Symbol.dispose]` of their objects.
 * - Limits of jco 0.15 seen so far: a WIT name with an upper-case word (`get-HTTP-body`) makes
 *   its transpiler panic ("failed to find component export"); the panic text is the error's cause.
 *   Transpiling validates the whole component again: about 0.5 s for a 12 MB ComponentizeJS
 *   component once the transpiler is warm (1-3 s for the first one in a process).
 *
 * The glue is imported as a `data:` module (no temporary files, nothing to clean up, the same on
 * every OS). Node keeps each imported module for the life of the process: one glue (100 KB and
 * up) per distinct component wizened in a process.
 */
import { WizerError } from '../errors.js';
import { readPreamble } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import { type GenerateOptions, loadTranspiler } from './transpiler.js';

/** Name jco gives the component: files are `component.core.wasm`, ..., `component.js`. */
const NAME = 'component';

/** One core module the glue asks for. */
export interface GlueCoreModule {
  /** The file name `getCoreModule` is called with. */
  file: string;
  /** Index among the component's (top-level) module sections, undefined for a jco-made module. */
  moduleIndex: number | undefined;
  /** The module's bytes as jco gives them (the module section's own bytes for component modules). */
  bytes: Uint8Array;
}

/** A component-level export: a root function or an exported instance (an object of functions). */
export interface GlueExport {
  /** Key in the exports object: camel-cased, or an instance's full name with version. */
  name: string;
  kind: 'function' | 'instance';
}

/** Returns the compiled core module for one file name (see {@link GlueCoreModule}). */
export type GetCoreModule = (file: string) => WebAssembly.Module | Promise<WebAssembly.Module>;

/** Instantiates one core module with the glue's import object. */
export type InstantiateCore = (
  module: WebAssembly.Module,
  imports: WebAssembly.Imports | undefined,
) => WebAssembly.Instance | Promise<WebAssembly.Instance>;

/** Host implementations by import key (`ns:pkg/iface`, no version), members camel-cased. */
export type HostImports = Record<string, object>;

/** The exports object of an instantiated component. */
export type ComponentExports = Record<string, unknown>;

/** A running component. */
export interface ComponentInstance {
  exports: ComponentExports;
  /** Resource handles currently held in the component's handle tables (host and own types). */
  liveHandles(): number;
  /**
   * Empties every handle table, as a fresh instance has them, and returns how many live handles
   * it forgot: for when the guest has itself forgotten every handle it held (the preview1
   * adapter's reset, see adapter.ts), so that handles made afterwards get the numbers a fresh
   * instance would give. Host objects are not disposed: the host's `close()` releases them.
   */
  forgetHandles(): number;
  /**
   * For each live handle, the host function a core instance imported and was calling when the
   * handle was made (its value in that instance's import object, as `instantiateCore` received
   * it), or undefined if it was made outside any such call: where the handle went.
   */
  liveHandleOrigins(): unknown[];
}

/** Everything needed to run one component. */
export interface ComponentGlue {
  /** In the glue's order (the order of `getCoreModule` calls). */
  coreModules: GlueCoreModule[];
  /** Keys the glue reads from the host imports object, e.g. `wasi:cli/environment`. */
  imports: string[];
  exports: GlueExport[];
  /**
   * Instantiates the component. `instantiateCore` defaults to `new WebAssembly.Instance`.
   * Nothing runs but core start functions (and whatever the core modules' instantiation does).
   */
  instantiate(
    getCoreModule: GetCoreModule,
    imports: HostImports,
    instantiateCore?: InstantiateCore,
  ): Promise<ComponentInstance>;
}

type RawInstantiate = (
  getCoreModule: GetCoreModule,
  imports: Record<string | symbol, unknown>,
  instantiateCore: InstantiateCore,
) => ComponentExports | Promise<ComponentExports>;

/** Options for the transpiler, as `transpileBytes()` maps `{ instantiation: 'async' }` plus ours. */
const GENERATE_OPTIONS: GenerateOptions = {
  name: NAME,
  instantiation: { tag: 'async' },
  noTypescript: true,
  tracing: false,
  // Result errors of exported functions are thrown as their payload, not wrapped.
  noComponentErrorWrapping: true,
  noNodejsCompat: false,
  tlaCompat: false,
  // Core modules come from getCoreModule, never inlined as base64.
  base64Cutoff: 1 << 30,
  validLiftingOptimization: false,
  // Keep every module's bytes as in the component (see above).
  multiMemory: true,
  // Validate with exceptions enabled (Node 24's V8 has exnref) so exception-using modules pass.
  bindgenEnableWasmExnref: true,
  map: [],
};

const HANDLES_KEY = 'wizer-action.handle-tables';
/** Property of a handle table: called with each owned handle the glue creates in it. */
const CREATED_KEY = 'wizer-action.handle-created';
/** The glue's intrinsic that creates every owned handle (host objects, `resource.new`, results). */
const CREATE_OWN_LINE = /^(\s*)function rscTableCreateOwn\(table, rep\) \{$/gm;
/**
 * The glue's shortcut for an empty string going into the guest: pointer 1, and no call of the
 * guest's `realloc`. The canonical ABI calls `realloc` for every string, empty ones too, and the
 * preview1 adapter depends on it: it terminates each string in place at `pointer + length`, so
 * with the shortcut it writes its NUL at address 1 and an empty environment value runs into the
 * next variable (ComponentizeJS's `EXPORT1_ARGS=` of a function without arguments then read as
 * `EXPORT1_ARGS=EXPORT1_RET=i32`, which broke every such export). Removed from the glue.
 */
const EMPTY_STRING_SHORTCUT = /^\s*if \(s\.length === 0\) \{ return \{ ptr: 1, len: 0 \}; \}\n/m;
/** A line of the glue that creates a handle table (inside `instantiate`, one per resource type). */
const HANDLE_TABLE_LINE = /^(\s*)const (handleTable\d+) = \[T_FLAG, 0\];$/gm;
/** jco's flag bit in handle tables (`T_FLAG`): set on a free slot's first cell. */
const T_FLAG = 1 << 30;

/**
 * Transpiles `component` with jco and loads its glue. The transpiler itself is loaded on the first
 * call (about half a second); each call after that costs the transpilation of this component.
 */
export async function loadComponentGlue(component: Uint8Array): Promise<ComponentGlue> {
  const sections = moduleSections(component);
  const transpiler = await loadTranspiler();
  const transpiled = transpiler.generate(component, GENERATE_OPTIONS);
  const files = new Map(transpiled.files);
  const glueSource = files.get(`${NAME}.js`);
  if (glueSource === undefined) throw new WizerError('jco produced no JS glue for the component');

  const taken = new Set<number>();
  const coreModules: GlueCoreModule[] = [];
  for (const [file, bytes] of transpiled.files) {
    if (!file.endsWith('.wasm')) continue;
    const moduleIndex = sections.findIndex((s, i) => !taken.has(i) && sameBytes(s, bytes));
    if (moduleIndex >= 0) taken.add(moduleIndex);
    coreModules.push({ file, moduleIndex: moduleIndex >= 0 ? moduleIndex : undefined, bytes });
  }
  if (taken.size !== sections.length) {
    throw new WizerError(
      `jco changed ${sections.length - taken.size} of the component's core modules ` +
        '(expected each module section unchanged)',
    );
  }

  const raw = await importGlue(new TextDecoder().decode(glueSource));
  return {
    coreModules,
    imports: transpiled.imports,
    exports: transpiled.exports.map(([name, kind]) => ({ name, kind })),
    async instantiate(getCoreModule, imports, instantiateCore = defaultInstantiateCore) {
      const provenance = new HandleProvenance();
      const withHook = {
        ...imports,
        [Symbol.for(HANDLES_KEY)]: (table: unknown) => provenance.track(table),
      };
      const exports = await raw(getCoreModule, withHook, (module, importObject) =>
        provenance.instantiate(module, importObject, instantiateCore),
      );
      return {
        exports,
        liveHandles: () => countLiveHandles(provenance.tables),
        forgetHandles: () => forgetHandles(provenance.tables),
        liveHandleOrigins: () => provenance.liveOrigins(),
      };
    },
  };
}

/**
 * Where each handle went. Every function a core instance imports from the glue (a lowered host
 * function or a canonical built-in such as `resource.new`, as opposed to another core instance's
 * export) is wrapped so the glue knows which one is running; the glue's `rscTableCreateOwn`,
 * patched, reports each handle it makes, which is recorded with the running function. Calls are
 * synchronous, so a stack of running functions is exact (the glue may call back into a core
 * instance, e.g. `cabi_realloc`, which may call the glue again).
 */
class HandleProvenance {
  readonly tables: unknown[][] = [];
  private readonly running: unknown[] = [];
  private readonly origins = new Map<unknown[], Map<number, unknown>>();
  private readonly coreExports = new Set<unknown>();

  track(table: unknown): void {
    if (!Array.isArray(table)) return;
    this.tables.push(table);
    const origins = new Map<number, unknown>();
    this.origins.set(table, origins);
    Object.defineProperty(table, Symbol.for(CREATED_KEY), {
      value: (handle: number) => origins.set(handle, this.running.at(-1)),
    });
  }

  instantiate(
    module: WebAssembly.Module,
    importObject: WebAssembly.Imports | undefined,
    instantiateCore: InstantiateCore,
  ): WebAssembly.Instance | Promise<WebAssembly.Instance> {
    const wrapped = importObject === undefined ? undefined : this.wrapGlueFunctions(importObject);
    const remember = (instance: WebAssembly.Instance): WebAssembly.Instance => {
      for (const value of Object.values(instance.exports)) {
        if (typeof value === 'function') this.coreExports.add(value);
      }
      return instance;
    };
    const instance = instantiateCore(module, wrapped);
    return instance instanceof Promise ? instance.then(remember) : remember(instance);
  }

  liveOrigins(): unknown[] {
    const found: unknown[] = [];
    for (const table of this.tables) {
      const origins = this.origins.get(table);
      forEachLiveHandle(table, (handle) => found.push(origins?.get(handle)));
    }
    return found;
  }

  private wrapGlueFunctions(importObject: WebAssembly.Imports): WebAssembly.Imports {
    const running = this.running;
    const result: WebAssembly.Imports = {};
    for (const [module, members] of Object.entries(importObject)) {
      const copy: Record<string, WebAssembly.ImportValue> = {};
      for (const [name, value] of Object.entries(members)) {
        if (typeof value !== 'function' || this.coreExports.has(value)) {
          copy[name] = value;
          continue;
        }
        const glueFunction = value as (...args: unknown[]) => unknown;
        const wrapper = function (this: unknown, ...args: unknown[]): unknown {
          running.push(wrapper);
          try {
            return glueFunction.apply(this, args);
          } finally {
            running.pop();
          }
        };
        copy[name] = wrapper;
      }
      result[module] = copy;
    }
    return result;
  }
}

function defaultInstantiateCore(
  module: WebAssembly.Module,
  imports: WebAssembly.Imports | undefined,
): WebAssembly.Instance {
  return new WebAssembly.Instance(module, imports);
}

/** Loads the glue's `instantiate`, patched (see {@link patchGlueSource}). */
async function importGlue(source: string): Promise<RawInstantiate> {
  const text = `${patchGlueSource(source)}\n//# sourceURL=wizer-action:component-glue.js\n`;
  const module = (await import(
    /* webpackIgnore: true */
    `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`
  )) as { instantiate?: unknown };
  if (typeof module.instantiate !== 'function') {
    throw new WizerError('unsupported jco glue: it exports no `instantiate` function');
  }
  return module.instantiate as RawInstantiate;
}

/**
 * The glue as the pipeline runs it: each handle table handed to a hook in the imports, each owned
 * handle reported to its table's hook ({@link HandleProvenance}), and empty strings lowered
 * through the guest's `realloc` ({@link EMPTY_STRING_SHORTCUT}). The hooks are optional: the
 * patched glue runs as the original does with plain imports.
 */
export function patchGlueSource(source: string): string {
  const hook = `imports?.[Symbol.for(${JSON.stringify(HANDLES_KEY)})]?.`;
  let patchedTables = 0;
  const withTables = source.replace(HANDLE_TABLE_LINE, (line, indent: string, table: string) => {
    patchedTables++;
    return `${line}\n${indent}${hook}(${table});`;
  });
  const tables = new Set(source.match(/\bhandleTable\d+\b/g) ?? []);
  if (tables.size !== patchedTables) {
    throw new WizerError('unsupported jco glue: cannot find where it creates its handle tables');
  }
  let patchedCreate = 0;
  const withCreation = withTables.replace(CREATE_OWN_LINE, (_line, indent: string) => {
    patchedCreate++;
    const untracked = 'rscTableCreateOwn$untracked';
    return (
      `${indent}function rscTableCreateOwn(table, rep) {\n` +
      `${indent}  const handle = ${untracked}(table, rep);\n` +
      `${indent}  table[Symbol.for(${JSON.stringify(CREATED_KEY)})]?.(handle);\n` +
      `${indent}  return handle;\n` +
      `${indent}}\n` +
      `${indent}function ${untracked}(table, rep) {`
    );
  });
  if (tables.size > 0 && patchedCreate !== 1) {
    throw new WizerError('unsupported jco glue: cannot find where it creates owned handles');
  }
  const patched = withCreation.replace(EMPTY_STRING_SHORTCUT, '');
  if (patched.includes('{ ptr: 1, len: 0 }')) {
    throw new WizerError('unsupported jco glue: cannot remove its empty-string shortcut');
  }
  return patched;
}

/**
 * Counts live handles. A table is jco's flat array of (scope, value) pairs after a header pair;
 * a free slot has `T_FLAG` in its scope cell, a live one a non-zero value (the rep, plus
 * `T_FLAG` for an owned handle).
 */
function countLiveHandles(tables: readonly unknown[][]): number {
  let live = 0;
  for (const table of tables) forEachLiveHandle(table, () => live++);
  return live;
}

function forEachLiveHandle(table: readonly unknown[], visit: (handle: number) => void): void {
  for (let i = 2; i + 1 < table.length; i += 2) {
    const scope = table[i] as number;
    const value = table[i + 1] as number;
    if ((scope & T_FLAG) === 0 && value !== 0) visit(i >> 1);
  }
}

/** Empties each table to jco's initial `[T_FLAG, 0]`; returns the live handles it held. */
function forgetHandles(tables: readonly unknown[][]): number {
  const live = countLiveHandles(tables);
  for (const table of tables) {
    table.length = 2;
    table[0] = T_FLAG;
    table[1] = 0;
    const created = (table as { _createdReps?: unknown })._createdReps;
    if (created instanceof Set) created.clear();
  }
  return live;
}

/** The byte views of the component's top-level module sections, in order. */
function moduleSections(component: Uint8Array): Uint8Array[] {
  if (readPreamble(component) !== 'component') {
    throw new WizerError('expected a component, found a core module');
  }
  const r = new BinaryReader(component, 8);
  const modules: Uint8Array[] = [];
  while (!r.eof) {
    const id = r.u8();
    const size = r.u32();
    const payload = r.take(size);
    if (id === 1) modules.push(payload);
  }
  return modules;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * The JS name jco gives a WIT name: lower camel case of its kebab-case words, each word's
 * letters lower-cased after the first (`get-HTTP-body` -> `getHttpBody`).
 */
export function jsName(witName: string): string {
  return witName
    .split('-')
    .map((word, i) => {
      const lower = word.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** Whether an exported function was lifted `async` (an `async function` in jco's glue). */
export function isAsyncLifted(fn: unknown): boolean {
  return (
    typeof fn === 'function' && Object.prototype.toString.call(fn) === '[object AsyncFunction]'
  );
}
