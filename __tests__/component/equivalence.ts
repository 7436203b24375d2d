/**
 * Functional equivalence of a wizened component with its input (issue 10, "Proof"): the output,
 * instantiated and never initialized, must behave exactly like the input instantiated and then
 * initialized.
 *
 * `expectEquivalent(input, options, probes)`:
 * 1. ORIGINAL: loads the input through jco's glue (`loadComponentGlue`), instantiates it with
 *    every core instance captured, calls the init function by its WIT name, reads every core
 *    instance's state, then calls each probe in order and records its outcome.
 * 2. Wizens the input with `wizen()` and the same options.
 * 3. OUTPUT: loads and instantiates the output the same way, reads the state before any call,
 *    then calls the same probes.
 * 4. Expects identical probe outcomes (values, or the error's name and message), identical state
 *    of every core instance (original after init vs output before any call, and again after the
 *    probes), the same core instance count and the same modules behind them, and the init
 *    export gone from the output unless `keepInitFunc` (kept: it still runs on the output).
 *
 * State is read bit for bit through a small instrumentation of our own (independent of the
 * pipeline's `__wizer_*` instrumentation, so a bug there cannot hide itself): each core module the
 * glue asks for gains an exported getter per defined global (`global.get`, floats reinterpreted
 * as integers so NaN payloads survive, v128 split into two i64 lanes) and an export of each
 * defined memory. Globals and memories a module imports belong to the instance that defines them
 * and are compared there. Globals of reference type are not compared (no bit pattern to read).
 */
import { expect } from 'vitest';
import { ExternalKind, SECTION_RANK, SectionId } from '../../src/wasm/constants.js';
import { BinaryReader } from '../../src/wasm/reader.js';
import { ByteSink, concatChunks, sectionHeader } from '../../src/wasm/writer.js';
import { parseModule } from '../../src/wizer/parse.js';
import { wizen, type WizenOptions } from '../../src/wizer/index.js';
import {
  jsName,
  loadComponentGlue,
  type ComponentExports,
  type ComponentGlue,
  type HostImports,
} from '../../src/component/glue.js';
import { parseComponent } from '../../src/component/parse.js';
import { findInitExport } from '../../src/component/init-func.js';
import { createWasi2Host, type Wasi2Host, type Wasi2Options } from '../../src/wasi2/index.js';
import { defaults as wasi2Defaults } from '../wasi2/helpers.js';

/** A call of an exported function: `['get']` at the root, `['ns:pkg/iface@1.0.0', 'get']` inside. */
export interface Probe {
  /** WIT export names from the root: a root function, or an exported instance then a function. */
  path: readonly string[];
  args?: readonly unknown[];
}

/** What one call did. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

/** One defined global as read: value type code and the bits (integers as decimal strings). */
export interface GlobalState {
  index: number;
  type: string;
  bits: string;
}

/** The state of one core instance. */
export interface CoreState {
  /** The glue's file name of the module (`component.core2.wasm`). */
  file: string;
  globals: GlobalState[];
  /** Defined memories in order: page count and contents. */
  memories: Array<{ index: number; pages: number; bytes: Uint8Array }>;
}

/** One instantiated component with its captured core instances. */
export interface Running {
  glue: ComponentGlue;
  exports: ComponentExports;
  instances: Array<{ file: string; instance: WebAssembly.Instance; probe: ModuleProbe }>;
  liveHandles(): number;
  /** Empties the glue's handle tables (see ComponentInstance.forgetHandles). */
  forgetHandles(): number;
  close(): void;
}

export interface EquivalenceOptions {
  /**
   * Export path of the init function, when the test names it independently of the pipeline's
   * lookup; by default it is found from `options.initFunc` with `findInitExport`.
   */
  init?: readonly string[];
  /** Host imports besides WASI (a fresh object per instantiation). */
  imports?: () => HostImports;
  /** Host options for the OUTPUT's WASI host (default: the same as the original's). */
  outputHost?: Partial<Wasi2Options>;
  /**
   * Runs on the original right after init, before its state is read: what the pipeline is
   * expected to do to the instance after init besides snapshotting it (the preview1 adapter's
   * reset, done by the test independently of the pipeline's code).
   */
  afterInit?: (running: Running) => void;
  /**
   * Skip the state comparison after the probes, for probes that read the clock: the original's
   * (virtual) clock has run on through init, the output's host starts afresh.
   */
  probesReadTime?: boolean;
  /** The wizening under test (default `wizen`); the harness's own tests pass broken ones. */
  wizen?: (input: Uint8Array, options: Partial<WizenOptions>) => Promise<{ wasm: Uint8Array }>;
}

export interface EquivalenceResult {
  wasm: Uint8Array;
  /** Outcome of init on the original (its results, if any). */
  init: Outcome;
  /** Outcomes of the probes (the same for the original and the output). */
  outcomes: Outcome[];
  /** State of every core instance after init (the same for the output before any call). */
  state: CoreState[];
}

const WASI_DEFAULTS: Wasi2Options = wasi2Defaults;

/** The WASI host options that `wizen()` would use for `options`. */
export function hostOptions(options: Partial<WizenOptions>): Wasi2Options {
  return {
    inheritEnv: options.inheritEnv ?? WASI_DEFAULTS.inheritEnv,
    env: options.env ?? WASI_DEFAULTS.env,
    inheritStdio: options.inheritStdio ?? true,
    guestStdoutToStderr: options.guestStdoutToStderr ?? false,
    escapeWorkflowCommands: options.escapeWorkflowCommands ?? false,
    preopens: options.preopens ?? [],
    deterministic: options.deterministic ?? false,
    deterministicSeed: options.deterministicSeed ?? 0n,
    ...(options.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: options.sourceDateEpoch }),
  };
}

/** Loads and instantiates a component, capturing each core instance with its state readers. */
export async function instantiateComponent(
  component: Uint8Array,
  host: Wasi2Options | undefined,
  extraImports: HostImports = {},
): Promise<Running> {
  const glue = await loadComponentGlue(component);
  const probes = new Map<WebAssembly.Module, { file: string; probe: ModuleProbe }>();
  const compiled = new Map<string, WebAssembly.Module>();
  for (const core of glue.coreModules) {
    const probe = instrumentForState(core.bytes);
    const module = new WebAssembly.Module(probe.wasm as Uint8Array<ArrayBuffer>);
    probes.set(module, { file: core.file, probe });
    compiled.set(core.file, module);
  }
  const wasi: Wasi2Host | undefined = host === undefined ? undefined : createWasi2Host(host);
  const instances: Running['instances'] = [];
  try {
    const component = await glue.instantiate(
      (file) => {
        const module = compiled.get(file);
        if (module === undefined) throw new Error(`the glue asked for an unknown module ${file}`);
        return module;
      },
      { ...wasi?.imports, ...extraImports },
      (module, imports) => {
        const instance = new WebAssembly.Instance(module, imports);
        const found = probes.get(module);
        if (found === undefined) throw new Error('the glue instantiated a module of its own');
        instances.push({ file: found.file, instance, probe: found.probe });
        return instance;
      },
    );
    return {
      glue,
      exports: component.exports,
      instances,
      liveHandles: () => component.liveHandles(),
      forgetHandles: () => component.forgetHandles(),
      close: () => wasi?.close(),
    };
  } catch (error) {
    wasi?.close();
    throw error;
  }
}

/** The function at an export path of the glue's exports (WIT names, camel-cased as jco does). */
export function exportedFunction(
  exports: ComponentExports,
  path: readonly string[],
): ((...args: unknown[]) => unknown) | undefined {
  const [first, second, ...rest] = path;
  if (first === undefined || rest.length > 0) return undefined;
  if (second === undefined) {
    const fn = exports[jsName(first)];
    return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown) : undefined;
  }
  const instance = exports[first];
  if (typeof instance !== 'object' || instance === null) return undefined;
  const fn = (instance as Record<string, unknown>)[jsName(second)];
  return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown) : undefined;
}

/** Calls an exported function, recording its value or its error (name and message). */
export function call(running: Running, probe: Probe): Outcome {
  const fn = exportedFunction(running.exports, probe.path);
  if (fn === undefined) return { ok: false, error: `no export ${probe.path.join(' / ')}` };
  try {
    return { ok: true, value: fn(...(probe.args ?? [])) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: `${e.name}: ${e.message}` };
  }
}

/** The state of every captured core instance, in instantiation order. */
export function readState(running: Running): CoreState[] {
  return running.instances.map(({ file, instance, probe }) => {
    const exports = instance.exports;
    const globals = probe.globals.map(({ index, type, getters }) => {
      const bits = getters.map((name) => {
        const getter = exports[name] as () => number | bigint;
        const value = getter();
        return typeof value === 'bigint' ? BigInt.asUintN(64, value) : BigInt(value >>> 0);
      });
      return { index, type, bits: bits.map((b) => `0x${b.toString(16)}`).join(':') };
    });
    const memories = probe.memories.map(({ index, exportName }) => {
      const memory = exports[exportName] as WebAssembly.Memory;
      const bytes = new Uint8Array(memory.buffer.slice(0));
      return { index, pages: bytes.length / 65536, bytes };
    });
    return { file, globals, memories };
  });
}

/** Expects two state lists to be equal, naming the first difference of a memory. */
export function expectSameState(actual: CoreState[], expected: CoreState[], when: string): void {
  expect(
    actual.map((s) => s.file),
    `${when}: core instances`,
  ).toEqual(expected.map((s) => s.file));
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(a.globals, `${when}: globals of ${a.file}`).toEqual(e.globals);
    expect(a.memories.length, `${when}: memories of ${a.file}`).toBe(e.memories.length);
    a.memories.forEach((m, k) => {
      const em = e.memories[k]!;
      expect(m.pages, `${when}: pages of memory ${m.index} of ${a.file}`).toBe(em.pages);
      const diff = firstDifference(m.bytes, em.bytes);
      expect(diff, `${when}: first differing byte of memory ${m.index} of ${a.file}`).toBe(-1);
    });
  });
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (Buffer.compare(a, b) === 0) return -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** The init function's export path for `initFunc` (as the pipeline's lookup finds it). */
export function initPath(component: Uint8Array, initFunc: string): string[] {
  return findInitExport(parseComponent(component), initFunc).path;
}

/**
 * Proves that `wizen(input, options)` is equivalent to running init on `input` (see the file
 * header); returns what was seen for further assertions.
 */
export async function expectEquivalent(
  input: Uint8Array,
  options: Partial<WizenOptions>,
  probes: readonly Probe[],
  extra: EquivalenceOptions = {},
): Promise<EquivalenceResult> {
  const initFunc = options.initFunc ?? 'wizer-initialize';
  const init = extra.init ?? initPath(input, initFunc);
  const host = options.allowWasi === true ? hostOptions(options) : undefined;
  const outputHost = host === undefined ? undefined : { ...host, ...extra.outputHost };
  const imports = extra.imports ?? (() => ({}));

  // 1. The original, initialized, then probed.
  const original = await instantiateComponent(input, host, imports());
  let initOutcome: Outcome;
  let afterInit: CoreState[];
  let expected: Outcome[];
  let originalEnd: CoreState[];
  try {
    initOutcome = call(original, { path: init });
    expect(initOutcome.ok, `init on the original: ${JSON.stringify(initOutcome)}`).toBe(true);
    extra.afterInit?.(original);
    afterInit = readState(original);
    expected = probes.map((p) => call(original, p));
    originalEnd = readState(original);
  } finally {
    original.close();
  }

  // 2. Wizening.
  const { wasm } = await (extra.wizen ?? wizen)(input, options);
  expect(wasm.subarray(0, 8)).toEqual(input.subarray(0, 8));

  // 3. The output, probed without init.
  const output = await instantiateComponent(wasm, outputHost, imports());
  try {
    // The same modules, instantiated in the same order.
    expect(output.instances.map((i) => i.file)).toEqual(original.instances.map((i) => i.file));
    expectSameState(readState(output), afterInit, 'output before any call vs original after init');
    const outcomes = probes.map((p) => call(output, p));
    expect(outcomes, 'probe outcomes (output vs original)').toEqual(expected);
    if (extra.probesReadTime !== true) {
      expectSameState(readState(output), originalEnd, 'after the probes');
    }

    // 4. The init export: a root export goes unless kept; a function of an exported instance
    // cannot be taken out of its instance and stays.
    const initFn = exportedFunction(output.exports, init);
    if (init.length === 1 && options.keepInitFunc !== true) {
      expect(initFn, `init export ${init.join('.')} in the output`).toBeUndefined();
    } else {
      expect(initFn, `init export ${init.join('.')} in the output`).toBeTypeOf('function');
    }
  } finally {
    output.close();
  }

  if (options.keepInitFunc === true || init.length > 1) {
    // Kept: it still runs on the output, as it does on a fresh original.
    const again = await instantiateComponent(wasm, outputHost, imports());
    try {
      expect(call(again, { path: init }), 'init called on the output').toEqual(initOutcome);
    } finally {
      again.close();
    }
  }
  return { wasm, init: initOutcome, outcomes: expected, state: afterInit };
}

/** Global indices by name, from a core module's \`name\` section (subsection 7). */
function globalIndices(bytes: Uint8Array): Map<string, number> {
  const cx = parseModule(bytes);
  const indices = new Map<string, number>();
  const section = cx.sections.find((s) => s.customName === 'name');
  if (section === undefined) return indices;
  const r = new BinaryReader(bytes, section.payloadStart, section.end);
  r.name();
  while (!r.eof) {
    const id = r.u8();
    const sub = r.sub(r.u32());
    if (id !== 7) continue;
    for (let n = sub.u32(); n > 0; n--) {
      const index = sub.u32();
      indices.set(sub.name(), index);
    }
  }
  return indices;
}

/**
 * The WASI preview1 adapter's reset after init, done on a running original by the harness's own
 * means (what src/component/adapter.ts makes the snapshot hold), when handles are live: its
 * `reset_adapter_state` where it exports it; otherwise, for an adapter trimmed of it, the state
 * pointer back to null and the allocation state back to "stack allocated" (2), which makes its
 * next call create a new state, as a fresh instance's first call does. Then the handles the
 * adapter forgot are forgotten by the glue too.
 */
export function resetPreview1Adapter(running: Running): void {
  if (running.liveHandles() === 0) return; // as the pipeline: nothing to forget, nothing reset
  const exporting = running.instances.find(
    (i) => typeof i.instance.exports['reset_adapter_state'] === 'function',
  );
  if (exporting !== undefined) {
    (exporting.instance.exports['reset_adapter_state'] as () => void)();
  } else {
    let found = 0;
    for (const { file, instance, probe } of running.instances) {
      const bytes = running.glue.coreModules.find((c) => c.file === file)!.bytes;
      const names = globalIndices(bytes);
      const [ptr, allocation] = ['internal_state_ptr', 'allocation_state'].map((n) =>
        probe.globals.find((g) => g.index === names.get(n)),
      );
      if (ptr === undefined || allocation === undefined) continue;
      found++;
      if (Number((instance.exports[ptr.getters[0]!] as () => number)()) === 0) continue;
      (instance.exports[ptr.setter!] as (v: number) => void)(0);
      (instance.exports[allocation.setter!] as (v: number) => void)(2);
    }
    expect(found, 'adapters with a state pointer').toBe(1);
  }
  running.forgetHandles();
}

/** How a core module's state is read: getter exports per defined global, memory exports. */
export interface ModuleProbe {
  wasm: Uint8Array;
  globals: Array<{ index: number; type: string; getters: string[]; setter?: string }>;
  memories: Array<{ index: number; exportName: string }>;
}

const PREFIX = '__equivalence_';

const I32 = 0x7f;
const I64 = 0x7e;
const F32 = 0x7d;
const F64 = 0x7c;
const V128 = 0x7b;

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [I32]: 'i32',
  [I64]: 'i64',
  [F32]: 'f32',
  [F64]: 'f64',
  [V128]: 'v128',
};

/**
 * Adds the state readers to a core module: new types `[] -> [i32]`, `[] -> [i64]`, `[i32] -> []`
 * and `[i64] -> []` at the end of the type section, one getter function per defined numeric global
 * (and two per v128) and one setter per mutable integer global at the end of the function space,
 * and exports of these and of each defined memory. No existing index moves, so the module behaves
 * as before.
 */
export function instrumentForState(bytes: Uint8Array): ModuleProbe {
  const cx = parseModule(bytes);
  const count = (kind: number) => cx.imports.filter((i) => i.kind === kind).length;
  const importedGlobals = count(ExternalKind.Global);
  const importedMemories = count(ExternalKind.Memory);
  const funcBase = cx.funcTypeIndices.length;
  const typeBase = cx.types.length;
  const [typeI32, typeI64, typeSetI32, typeSetI64] = [
    typeBase,
    typeBase + 1,
    typeBase + 2,
    typeBase + 3,
  ];

  const funcs = new ByteSink();
  const code = new ByteSink();
  const exports = new ByteSink();
  let added = 0;
  let exported = 0;
  const globals: ModuleProbe['globals'] = [];
  cx.globals.forEach((global, k) => {
    const index = importedGlobals + k;
    const type = TYPE_NAMES[global.type.code];
    if (type === undefined) return; // a reference: no bits to compare
    const bodies: Array<{ type: number; ops: number[] }> =
      global.type.code === V128
        ? [0, 1].map((lane) => ({
            type: typeI64,
            ops: [0xfd, ...leb(29), lane], // i64x2.extract_lane
          }))
        : [
            {
              type: global.type.code === I32 || global.type.code === F32 ? typeI32 : typeI64,
              ops:
                global.type.code === F32
                  ? [0xbc] // i32.reinterpret_f32
                  : global.type.code === F64
                    ? [0xbd] // i64.reinterpret_f64
                    : [],
            },
          ];
    const getters = bodies.map(({ type: typeIndex, ops }, lane) => {
      const name = `${PREFIX}global_${index}${bodies.length > 1 ? `_${lane}` : ''}`;
      funcs.u32(typeIndex);
      const body = [0x00, 0x23, ...leb(index), ...ops, 0x0b];
      code.u32(body.length).bytes(body);
      exports
        .name(name)
        .byte(ExternalKind.Func)
        .u32(funcBase + added);
      added++;
      exported++;
      return name;
    });
    // A setter per mutable integer global, for tests that change the original's state by hand.
    let setter: string | undefined;
    if (global.mutable && (global.type.code === I32 || global.type.code === I64)) {
      setter = `${PREFIX}set_global_${index}`;
      funcs.u32(global.type.code === I32 ? typeSetI32 : typeSetI64);
      const body = [0x00, 0x20, 0x00, 0x24, ...leb(index), 0x0b]; // local.get 0; global.set
      code.u32(body.length).bytes(body);
      exports
        .name(setter)
        .byte(ExternalKind.Func)
        .u32(funcBase + added);
      added++;
      exported++;
    }
    globals.push({ index, type, getters, ...(setter === undefined ? {} : { setter }) });
  });
  const memories = cx.memories.map((_, k) => {
    const index = importedMemories + k;
    const exportName = `${PREFIX}memory_${index}`;
    exports.name(exportName).byte(ExternalKind.Memory).u32(index);
    exported++;
    return { index, exportName };
  });

  const typeEntries = new ByteSink().bytes([
    ...[0x60, 0, 1, I32, 0x60, 0, 1, I64],
    ...[0x60, 1, I32, 0, 0x60, 1, I64, 0],
  ]);
  const appendTo: Record<number, { count: number; body: Uint8Array }> = {
    [SectionId.Type]: { count: 4, body: typeEntries.view() },
    [SectionId.Function]: { count: added, body: funcs.view() },
    [SectionId.Export]: { count: exported, body: exports.view() },
    [SectionId.Code]: { count: added, body: code.view() },
  };
  const chunks: Uint8Array[] = [bytes.subarray(0, 8)];
  const written = new Set<number>();
  const writeNew = (id: number) => {
    const extra = appendTo[id]!;
    const body = concatChunks([new ByteSink().u32(extra.count).view(), extra.body]);
    chunks.push(sectionHeader(id, body.length), body);
    written.add(id);
  };
  for (const section of cx.sections) {
    const rank = SECTION_RANK[section.id];
    if (rank !== undefined) {
      // Sections of ours that the module lacks go before the first section ranked after them.
      for (const id of [SectionId.Type, SectionId.Function, SectionId.Export, SectionId.Code]) {
        if (!written.has(id) && SECTION_RANK[id]! < rank) writeNew(id);
      }
    }
    const extra = appendTo[section.id];
    if (extra === undefined || section.id === SectionId.Custom) {
      chunks.push(bytes.subarray(section.start, section.end));
      continue;
    }
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    const existing = r.u32();
    const body = concatChunks([
      new ByteSink().u32(existing + extra.count).view(),
      bytes.subarray(r.pos, section.end),
      extra.body,
    ]);
    chunks.push(sectionHeader(section.id, body.length), body);
    written.add(section.id);
  }
  for (const id of [SectionId.Type, SectionId.Function, SectionId.Export, SectionId.Code]) {
    if (!written.has(id)) writeNew(id);
  }
  return { wasm: concatChunks(chunks), globals, memories };
}

function leb(value: number): number[] {
  return Array.from(new ByteSink().u32(value).view());
}
