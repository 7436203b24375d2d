/**
 * WASI after init for components made with the WASI preview1 adapter (issue 10, "WASI keeps
 * working after init").
 *
 * A C (or Rust, Python, JS) program built for wasm32-wasip1 becomes a component with the
 * `wasi_snapshot_preview1` reactor adapter of Wasmtime (crates/wasi-preview1-component-adapter):
 * one more core module, which implements preview1 on WASI 0.2 imports and keeps its state in a
 * 64 KiB `State` struct in the main module's memory (on a page it grows that memory by, in the
 * adapter jco ships; the pointer is its global `internal_state_ptr`). In that state it caches WASI
 * 0.2 handles: the stdio streams and the preopens' descriptors from `get-directories` (taken on
 * the first preview1 call that needs the descriptor table), and every file the guest opened. A
 * handle is an index into a table of the component instance (jco's glue: a table per resource
 * type), not part of any core memory, so a snapshot cannot carry it: in the wizened component the
 * cached numbers would point at nothing, or at another resource. Upstream `wasmtime wizer`
 * snapshots them anyway (the output then fails on its first WASI call, or worse); we used to
 * refuse.
 *
 * What the adapter offers: the export `reset_adapter_state`, which rewrites the `State` struct as
 * new (`State::init`: the descriptor table back to "not yet created", the import allocator and
 * the arena emptied). It does not drop the handles: it forgets them, and the next preview1 call
 * takes stdio and the preopens again (`get-stdout`, `get-directories`, ...), numbering the
 * preopens 3, 4, ... in the same order, so the preopen table that wasi-libc caches stays right
 * when the output runs with the same preopens. componentize-py, ComponentizeJS and similar
 * tools import it from `wasi_snapshot_preview1` and call it at the end of their init (together
 * with wasi-libc's `__wasilibc_reset_preopens`) for this very reason.
 *
 * But wit-component trims the adapter to the functions the main module imports: in a component
 * whose program does not import `reset_adapter_state` (a plain C reactor), the adapter has no
 * such export and no code for it (checked on the adapter jco ships,
 * `preview1AdapterReactorPath()`: the file exports it; the adapter inside a built component
 * exports only what the program uses).
 *
 * So after the init function returns, if handles are live, {@link releaseAdapterHandles}:
 * 1. resets the adapter: where a core instance exports `reset_adapter_state`, calls it (whether
 *    or not the guest already did); otherwise, for an adapter trimmed of it (found by its
 *    globals' names, which wit-component keeps), makes the snapshot take its state pointer as
 *    null and its allocation state as "stack allocated" ({@link trimmedAdapterReset}): the output
 *    then creates a new `State` on its first preview1 call, exactly as a fresh adapter does after
 *    its stack is allocated (on a page it grows the memory by; the old state's page stays);
 * 2. if no core module but the adapter could hold a handle, every handle left in the glue's
 *    tables is one the adapter forgot: the tables are emptied (as a fresh instance has them; the
 *    host objects are closed by the host's `close()`);
 * 3. refuses if handles are still live, saying how many and which modules may hold them.
 *
 * Which modules could hold a handle: a handle reaches a core module only as the result of a
 * function the glue provides (a lowered import or a canonical built-in such as `resource.new`),
 * and it survives a call only in a memory or a global. So a module that imports only functions
 * exported by other core instances (the main module, whose preview1 imports go to the adapter
 * through wit-component's shim), or that has neither memory nor mutable global (the shim and
 * the fixup module) holds none. Modules jco synthesizes (fused adapters between instances) keep
 * no state. Of the others, only a module whose imports made one of the live handles can hold it:
 * the glue records which imported function was running when each handle was made (see
 * glue.ts). So a ComponentizeJS engine, which imports WASI 0.2 functions itself besides its
 * adapter, is not suspected of the stdio and preopen handles its adapter took.
 *
 * wasi-libc's own preopen table (paths to preview1 descriptors) is not reset (componentize-py
 * calls `__wasilibc_reset_preopens`, which a C program does not export): it stays right when the
 * output runs with the same preopens in the same order, which the adapter numbers alike.
 *
 * Left as they are: data the guest's libc still buffers at the end of init (printf without a
 * flush to a non-terminal) is in the snapshot and is written by the output later, as with
 * upstream; a file init left open is forgotten (its preview1 descriptor is bad afterwards).
 */
import { WizerError } from '../errors.js';
import { ExternalKind, ValTypeCode } from '../wasm/constants.js';
import { BinaryReader } from '../wasm/reader.js';
import { RESERVED_PREFIX, type ModuleContext } from '../wizer/context.js';
import type { ComponentInstance } from './glue.js';

/** The adapter's export that rewrites its state as new. */
export const RESET_ADAPTER_STATE = 'reset_adapter_state';

/** One core instance as the glue created it. */
export interface CoreInstanceRecord {
  module: WebAssembly.Module;
  imports: WebAssembly.Imports | undefined;
  instance: WebAssembly.Instance;
  /** The module's index among the component's module sections, undefined for one jco made. */
  moduleIndex: number | undefined;
  /** The module's parse, for the component's own modules (defined memories and globals). */
  cx: ModuleContext | undefined;
}

/** What {@link releaseAdapterHandles} did. */
export interface AdapterRelease {
  /** Module index of the adapter whose state was reset, if one was found. */
  adapter: number | undefined;
  /** Live handles the tables held after the reset and that were forgotten. */
  forgotten: number;
  /**
   * Values the snapshot must take instead of the instance's, by module index then defined global
   * index: the reset of a trimmed adapter (see {@link trimmedAdapterReset}).
   */
  globals: Map<number, Map<number, number>>;
}

/** The adapter's state pointer and its allocation state, by their names in its name section. */
const STATE_PTR = 'internal_state_ptr';
const ALLOCATION_STATE = 'allocation_state';
/** The adapter's `AllocationState` values (`#[repr(i32)]`, in declaration order). */
const STACK_ALLOCATED = 2;
const STATE_ALLOCATED = 4;
/** The `name` section's subsection of global names. */
const GLOBAL_NAMES = 7;

/**
 * The reset of an adapter that wit-component trimmed (no `reset_adapter_state`): its state
 * pointer back to null and its allocation state back to "stack allocated", which is where the
 * adapter stands before its first preview1 call that needs the state. Its next such call then
 * creates a new `State` (on a page it grows the memory by) as `reset_adapter_state` would have
 * rewritten the old one; the old page stays, unused. Values for the snapshot only: the instance
 * keeps running with its state. Undefined if `core` is not such an adapter (it must import WASI
 * and name both globals); an empty map if its state was never created.
 */
export function trimmedAdapterReset(core: CoreInstanceRecord): Map<number, number> | undefined {
  const cx = core.cx;
  if (cx === undefined || core.moduleIndex === undefined) return undefined;
  if (!cx.imports.some((imp) => imp.module.startsWith('wasi:'))) return undefined;
  const names = globalNames(cx);
  const importedGlobals = cx.imports.filter((imp) => imp.kind === ExternalKind.Global).length;
  const defined = (name: string): number | undefined => {
    for (const [index, global] of names) {
      const k = index - importedGlobals;
      const def = cx.globals[k];
      if (global === name && def?.mutable === true && def.type.code === ValTypeCode.I32) return k;
    }
    return undefined;
  };
  const statePtr = defined(STATE_PTR);
  const allocation = defined(ALLOCATION_STATE);
  if (statePtr === undefined || allocation === undefined) return undefined;
  // The pipeline's instrumentation exports a getter for each mutable global.
  const value = (k: number): number | undefined => {
    const getter = core.instance.exports[`${RESERVED_PREFIX}global_${k}`];
    return typeof getter === 'function' ? Number((getter as () => number)()) : undefined;
  };
  if (value(statePtr) === 0) return new Map();
  if (value(allocation) !== STATE_ALLOCATED) return undefined; // not a state we know
  return new Map([
    [statePtr, 0],
    [allocation, STACK_ALLOCATED],
  ]);
}

/** Global names from the `name` section; none if it is missing or damaged. */
function globalNames(cx: ModuleContext): Map<number, string> {
  const names = new Map<number, string>();
  const section = cx.sections.find((s) => s.customName === 'name');
  if (section === undefined) return names;
  try {
    const r = new BinaryReader(cx.bytes, section.payloadStart, section.end);
    r.name(); // "name"
    while (!r.eof) {
      const id = r.u8();
      const sub = r.sub(r.u32());
      if (id !== GLOBAL_NAMES) continue;
      for (let n = sub.u32(); n > 0; n--) names.set(sub.u32(), sub.name());
    }
  } catch {
    // A damaged name section only costs the names.
  }
  return names;
}

/**
 * Resets the preview1 adapter's state and forgets the handles it held, after init; throws a
 * {@link WizerError} if live handles remain that a snapshot could not keep.
 */
export function releaseAdapterHandles(
  component: ComponentInstance,
  cores: readonly CoreInstanceRecord[],
): AdapterRelease {
  const globals = new Map<number, Map<number, number>>();
  // Nothing to forget: the state stays as init left it (the output is then exactly the
  // initialized instance, and the adapter's state may well be in use: the environment it read).
  if (component.liveHandles() === 0) return { adapter: undefined, forgotten: 0, globals };
  let adapter = cores.find(
    (core) => typeof core.instance.exports[RESET_ADAPTER_STATE] === 'function',
  );
  if (adapter !== undefined) {
    try {
      (adapter.instance.exports[RESET_ADAPTER_STATE] as () => void)();
    } catch (error) {
      throw new WizerError(`the preview1 adapter's \`${RESET_ADAPTER_STATE}\` trapped`, {
        cause: error,
      });
    }
  } else {
    for (const core of cores) {
      const reset = trimmedAdapterReset(core);
      if (reset === undefined || core.moduleIndex === undefined) continue;
      adapter = core;
      if (reset.size > 0) globals.set(core.moduleIndex, reset);
      break;
    }
  }
  const live = component.liveHandles(); // the reset forgets handles, it does not drop them
  const holders = possibleHolders(cores, component.liveHandleOrigins()).filter(
    (core) => core !== adapter,
  );
  if (adapter !== undefined && holders.length === 0) {
    return { adapter: adapter.moduleIndex, forgotten: component.forgetHandles(), globals };
  }
  throw new WizerError(
    `the initialization function left ${live} resource handle${live === 1 ? '' : 's'} open, ` +
      'which a snapshot cannot keep',
    { cause: refusalReason(adapter, holders, cores) },
  );
}

function refusalReason(
  adapter: CoreInstanceRecord | undefined,
  holders: readonly CoreInstanceRecord[],
  cores: readonly CoreInstanceRecord[],
): string {
  const names = holders.map((core) => moduleName(core, cores)).join(', ');
  if (adapter === undefined) {
    const held = holders.length > 0 ? `; ${names} may hold them` : '';
    return (
      'no WASI preview1 adapter to reset (no core module exports ' +
      `\`${RESET_ADAPTER_STATE}\` or has the adapter's state globals)${held}: ` +
      "handles of WASI 0.2 or of the component's own resources must be dropped before init returns"
    );
  }
  return (
    `after the preview1 adapter's reset, ${names} may still hold them (${holders.length === 1 ? 'it imports' : 'they import'} ` +
    'functions of the host or canonical built-ins and keep state): drop every resource before ' +
    'init returns'
  );
}

function moduleName(core: CoreInstanceRecord, cores: readonly CoreInstanceRecord[]): string {
  return core.moduleIndex === undefined
    ? `core instance ${cores.indexOf(core)}`
    : `core module ${core.moduleIndex}`;
}

/**
 * The component's own core modules that could keep one of the live handles: they import (directly
 * or through a slot of wit-component's shim that the fixup module fills, see {@link throughShim})
 * a function of the glue that made one of them (`origins`, see
 * {@link ComponentInstance.liveHandleOrigins}; any function of the glue for a handle of unknown
 * origin), and have a memory (defined or imported) or a mutable global to keep it in. A handle is
 * taken to stay with the core instance whose import made it: wit-component's adapter hands its
 * handles to no one (the main module sees preview1 descriptors).
 */
export function possibleHolders(
  cores: readonly CoreInstanceRecord[],
  origins: readonly unknown[],
): CoreInstanceRecord[] {
  const coreFunctions = new Set<unknown>();
  for (const core of cores) {
    for (const value of Object.values(core.instance.exports)) {
      if (typeof value === 'function') coreFunctions.add(value);
    }
  }
  const shimSlots = throughShim(cores);
  const madeBy = new Set(origins);
  const anyGlue = madeBy.has(undefined);
  const madeHandles = (value: unknown): boolean => {
    const target = shimSlots.has(value) ? shimSlots.get(value) : value;
    if (target === GLUE) return madeBy.size > 0;
    if (coreFunctions.has(target)) return false;
    return anyGlue || madeBy.has(target);
  };
  return cores.filter((core) => {
    if (core.moduleIndex === undefined || core.cx === undefined) return false;
    const imported = WebAssembly.Module.imports(core.module);
    const reachesGlue = imported.some(
      (imp) => imp.kind === 'function' && madeHandles(importValue(core, imp.module, imp.name)),
    );
    const hasState =
      imported.some((imp) => imp.kind === 'memory') ||
      core.cx.memories.length > 0 ||
      core.cx.globals.some((global) => global.mutable);
    return reachesGlue && hasState;
  });
}

/** A shim slot whose content could not be found: counted as the glue's. */
const GLUE = Symbol('glue');

/**
 * What wit-component's shim exports lead to. The shim is a module that exports a table
 * (`$imports`) and one function per slot, named by the slot's number, which calls through that
 * slot; the fixup module imports the table and fills slot `k` with its function import named
 * `k` (the adapter's exports for the main module, lowered imports for the adapter and for the
 * main module's imports that need its memory). Returns, for each shim export, the function in
 * its slot, or {@link GLUE} if no fixup module fills it.
 */
function throughShim(cores: readonly CoreInstanceRecord[]): Map<unknown, unknown> {
  const slots = new Map<unknown, unknown>();
  for (const shim of cores) {
    const table = shim.instance.exports['$imports'];
    if (!(table instanceof WebAssembly.Table)) continue;
    const fixup = cores.find((core) =>
      WebAssembly.Module.imports(core.module).some(
        (imp) => imp.kind === 'table' && importValue(core, imp.module, imp.name) === table,
      ),
    );
    const fills = new Map<string, unknown>();
    if (fixup !== undefined) {
      for (const imp of WebAssembly.Module.imports(fixup.module)) {
        if (imp.kind === 'function' && /^\d+$/.test(imp.name)) {
          fills.set(imp.name, importValue(fixup, imp.module, imp.name));
        }
      }
    }
    for (const [name, value] of Object.entries(shim.instance.exports)) {
      if (typeof value === 'function') slots.set(value, fills.get(name) ?? GLUE);
    }
  }
  return slots;
}

function importValue(core: CoreInstanceRecord, module: string, name: string): unknown {
  return (core.imports?.[module] as Record<string, unknown> | undefined)?.[name];
}
