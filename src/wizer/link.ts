/**
 * The linker of the run phase, as upstream's Wasmtime linker behaves: WASI preview1 (when allowed)
 * and preload exports by module name, type-checked against each import; every function import
 * left unresolved in the main module becomes a stub that traps when called.
 */
import { GuestTrap, WizerError } from '../errors.js';
import { type Wasi, type WasiInstance, preview1Signature } from '../wasi/index.js';
import { ExternalKind } from '../wasm/constants.js';
import type { ValType } from '../wasm/module.js';
import type { FuncType, Import, ModuleContext } from './context.js';

const WASI_MODULE = 'wasi_snapshot_preview1';

/** An export that later modules may import: its value and, for a function, its type. */
export interface LinkedExport {
  value: WebAssembly.ImportValue;
  kind: ExternalKind;
  type: FuncType | undefined;
}
export type Namespace = Map<string, LinkedExport>;

/** The WASI context and preloaded instances, built before the main module is touched. */
export interface Environment {
  wasi: Wasi;
  allowWasi: boolean;
  /** Preload exports by the module name importers use (preloads of one name share it). */
  preloads: Map<string, Namespace>;
}

/** Adds a preload's exports under its name; a name defined twice is an error, as upstream's. */
export function define(environment: Environment, moduleName: string, exports: Namespace): void {
  const namespace = environment.preloads.get(moduleName) ?? new Map<string, LinkedExport>();
  const wasiDefines = (name: string) =>
    environment.allowWasi && moduleName === WASI_MODULE && preview1Signature(name) !== undefined;
  for (const [name, linked] of exports) {
    if (namespace.has(name) || wasiDefines(name)) {
      throw new WizerError("failed to add preload's exports to linker", {
        cause: `import of \`${moduleName}::${name}\` defined twice`,
      });
    }
    namespace.set(name, linked);
  }
  environment.preloads.set(moduleName, namespace);
}

/**
 * The import object: WASI (when allowed), preload exports by module name, and for every function
 * import still unresolved a stub that traps when called, as upstream's linker does for the main
 * module. Preloads get no stubs (upstream links them strictly). A preload's function must have
 * the imported type (V8 would only say that some import does not match).
 */
export function linkImports(
  importer: ModuleContext,
  environment: Environment,
  wasi: WasiInstance,
  stubUnknown: boolean,
): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const imp of importer.imports) {
    const wasiFunction =
      imp.module === WASI_MODULE && environment.allowWasi
        ? (wasi.imports as Record<string, WebAssembly.ImportValue>)[imp.name]
        : undefined;
    const linked: LinkedExport | undefined =
      wasiFunction !== undefined
        ? { value: wasiFunction, kind: ExternalKind.Func, type: wasiFunctionType(imp.name) }
        : environment.preloads.get(imp.module)?.get(imp.name);
    if (linked) checkImportType(imp, importer.types, linked);
    let value = linked?.value;
    if (value === undefined) {
      const message = `unknown import: \`${imp.module}::${imp.name}\` has not been defined`;
      if (!stubUnknown || imp.kind !== ExternalKind.Func) throw new WizerError(message);
      value = () => {
        throw new GuestTrap(message);
      };
    }
    (imports[imp.module] ??= {})[imp.name] = value;
  }
  return imports;
}

const KIND_NAMES: Readonly<Record<ExternalKind, string>> = {
  [ExternalKind.Func]: 'func',
  [ExternalKind.Table]: 'table',
  [ExternalKind.Memory]: 'memory',
  [ExternalKind.Global]: 'global',
  [ExternalKind.Tag]: 'tag',
};

/** Upstream's link check of an import against what a preload exports under that name. */
function checkImportType(
  declared: Import,
  types: ReadonlyArray<FuncType | undefined>,
  linked: LinkedExport,
): void {
  const incompatible = (cause: string) =>
    new WizerError(`incompatible import type for \`${declared.module}::${declared.name}\``, {
      cause,
    });
  if (declared.kind !== linked.kind) {
    throw incompatible(
      `expected ${KIND_NAMES[declared.kind]}, but found ${KIND_NAMES[linked.kind]}`,
    );
  }
  const expected = declared.kind === ExternalKind.Func ? types[declared.typeIndex] : undefined;
  if (expected === undefined || linked.type === undefined) return;
  if (sameFuncType(expected, linked.type)) return;
  throw incompatible(
    `types incompatible: expected type \`${showFuncType(expected)}\`, found type \`${showFuncType(linked.type)}\``,
  );
}

/** A WASI function's type, as upstream's linker declares it. */
function wasiFunctionType(name: string): FuncType | undefined {
  const signature = preview1Signature(name);
  if (signature === undefined) return undefined;
  const valTypes = (codes: number[]) => codes.map((code) => ({ code, bytes: Uint8Array.of(code) }));
  return { params: valTypes(signature.params), results: valTypes(signature.results), offset: -1 };
}

function sameFuncType(a: FuncType, b: FuncType): boolean {
  const same = (x: ValType[], y: ValType[]) =>
    x.length === y.length && x.every((t, i) => Buffer.compare(t.bytes, y[i]!.bytes) === 0);
  return same(a.params, b.params) && same(a.results, b.results);
}

const VALUE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

/** Wasmtime's rendering: `(func (param i32 i64) (result f64))`. */
function showFuncType(type: FuncType): string {
  const names = (types: ValType[]) =>
    types.map((t) => VALUE_TYPE_NAMES[t.code] ?? `0x${t.code.toString(16)}`).join(' ');
  const parts = ['func'];
  if (type.params.length > 0) parts.push(`(param ${names(type.params)})`);
  if (type.results.length > 0) parts.push(`(result ${names(type.results)})`);
  return `(${parts.join(' ')})`;
}
