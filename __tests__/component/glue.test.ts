/**
 * The V8 route for components: jco's instantiation-mode glue runs the ORIGINAL component with
 * core modules we hand over (instrumented with the core instrumentation), every core instance is
 * captured through instantiateCore, and after the init export every global and memory read
 * through the instrumentation equals what plain execution of the same component gives.
 */
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import {
  type ComponentGlue,
  type ComponentInstance,
  type GlueCoreModule,
  type HostImports,
  isAsyncLifted,
  jsName,
  loadComponentGlue,
} from '../../src/component/glue.js';
import { rewrite } from '../../src/component/transpiler.js';
import { ExternalKind, ValTypeCode } from '../../src/wasm/constants.js';
import { START_EXPORT, instrument, type Instrumented } from '../../src/wizer/instrument.js';
import { parseModule } from '../../src/wizer/parse.js';
import { rewrite as rewriteModule } from '../../src/wizer/rewrite.js';
import { snapshot } from '../../src/wizer/snapshot.js';
import type { ModuleContext } from '../../src/wizer/context.js';

/**
 * Three instantiated modules and one never instantiated. $A has a start function, an i64 and a
 * constant global and exports its memory; $B imports that memory and one of $A's globals, has a
 * memory of its own (multi-memory), f32/f64 globals, grows $A's memory and writes to both; $Init
 * calls both inits and is the lifted init. Every mutable global and every defined memory is also
 * exported, so plain execution can read them through the JS API.
 */
const MULTI_MODULE = `(component
  (core module $A
    (memory (export "memory") 1 4)
    (global $g (export "g") (mut i32) (i32.const 0))
    (global $h (export "h") (mut i64) (i64.const 0))
    (global $k i32 (i32.const 9))
    (global $s (export "s") (mut i32) (i32.const 0))
    (func $start (global.set $s (i32.add (global.get $k) (i32.const 2))))
    (start $start)
    (func (export "init")
      (global.set $g (i32.const 42))
      (global.set $h (i64.const -5))
      (i32.store (i32.const 100) (i32.const 0xdeadbeef)))
    (func (export "get") (result i32) (global.get $g))
    (func (export "get64") (result i64) (global.get $h)))
  (core instance $a (instantiate $A))
  (core module $B
    (import "a" "memory" (memory $shared 1))
    (import "a" "g" (global $ag (mut i32)))
    (memory $own (export "own") 1)
    (global $f (export "f") (mut f64) (f64.const 0))
    (global $x (export "x") (mut f32) (f32.const 0))
    (func (export "init")
      (drop (memory.grow $shared (i32.const 1)))
      (i32.store $shared (i32.const 70000) (i32.add (global.get $ag) (i32.const 1)))
      (i64.store $own (i32.const 8) (i64.const 0x0102030405060708))
      (global.set $f (f64.const 1.5))
      (global.set $x (f32.const -0.25))))
  (core instance $b (instantiate $B (with "a" (instance $a))))
  (core module $Never (global (mut i32) (i32.const 5)))
  (core module $Init
    (import "a" "init" (func $ai))
    (import "b" "init" (func $bi))
    (func (export "init") (call $ai) (call $bi)))
  (core instance $i (instantiate $Init (with "a" (instance $a)) (with "b" (instance $b))))
  (func (export "wizer-initialize") (canon lift (core func $i "init")))
  (func (export "get") (result s32) (canon lift (core func $a "get")))
  (func (export "get-sixty-four") (result s64) (canon lift (core func $a "get64")))
)`;

/** A host interface (a string in, a u64 out), init inside an exported interface, a string echo. */
const WITH_HOST = `(component
  (import "test:host/log@0.1.0" (instance $host
    (export "log" (func (param "msg" string)))
    (export "get-num" (func (result u64)))))
  (core module $Mem
    (memory (export "memory") 1)
    (global $bump (export "bump") (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $bump))
      (global.set $bump (i32.add (global.get $bump) (local.get 3)))
      (local.get $p)))
  (core instance $mem (instantiate $Mem))
  (core func $log (canon lower (func $host "log")
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $getnum (canon lower (func $host "get-num")))
  (core module $Never (memory 1))
  (core module $Main
    (import "host" "log" (func $log (param i32 i32)))
    (import "host" "get-num" (func $getnum (result i64)))
    (import "mem" "memory" (memory 1))
    (global $n (export "n") (mut i64) (i64.const 0))
    (global $f (export "f") (mut f32) (f32.const 0))
    (data (i32.const 16) "hello from init")
    (func (export "init")
      (call $log (i32.const 16) (i32.const 15))
      (global.set $n (call $getnum))
      (global.set $f (f32.const 2.5)))
    (func (export "get-f") (result f32) (global.get $f))
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 200) (local.get 0))
      (i32.store (i32.const 204) (local.get 1))
      (i32.const 200)))
  (core instance $main (instantiate $Main
    (with "host" (instance (export "log" (func $log)) (export "get-num" (func $getnum))))
    (with "mem" (instance $mem))))
  (func $init (canon lift (core func $main "init")))
  (func $getf (result f32) (canon lift (core func $main "get-f")))
  (func $echo (param "s" string) (result string) (canon lift (core func $main "echo")
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (instance $api (export "init" (func $init)) (export "get-f" (func $getf))
    (export "echo" (func $echo)))
  (export "test:pkg/api@1.2.3" (instance $api))
)`;

/**
 * A function the component lifts and lowers again: Wasmtime (inside jco) adds an adapter module
 * that would copy the string from $B's memory into $A's.
 */
const ADAPTED = `(component
  (core module $A
    (memory (export "memory") 1)
    (global $calls (export "calls") (mut i32) (i32.const 0))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
    (func (export "len") (param i32 i32) (result i32)
      (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
      (local.get 1)))
  (core instance $a (instantiate $A))
  (func $len (param "s" string) (result u32) (canon lift (core func $a "len")
    (memory (core memory $a "memory")) (realloc (core func $a "realloc"))))
  (core module $B
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 128))
    (data (i32.const 0) "abcdef"))
  (core instance $b (instantiate $B))
  (core func $lowered (canon lower (func $len)
    (memory (core memory $b "memory")) (realloc (core func $b "realloc"))))
  (core module $C
    (import "x" "len" (func $len (param i32 i32) (result i32)))
    (global $r (export "r") (mut i32) (i32.const 0))
    (func (export "init") (global.set $r (call $len (i32.const 0) (i32.const 6)))))
  (core instance $c (instantiate $C (with "x" (instance (export "len" (func $lowered))))))
  (func (export "wizer-initialize") (canon lift (core func $c "init")))
)`;

/** A component-model async lift (needs JSPI on V8): the glue makes it an `async function`. */
const ASYNC_LIFT = `(component
  (core module $M
    (memory (export "memory") 1)
    (func (export "f") (result i32) (i32.const 0))
    (func (export "g"))
    (func (export "cb") (param i32 i32 i32) (result i32) (i32.const 0)))
  (core instance $m (instantiate $M))
  (type $ft (func async))
  (func $f (type $ft) (canon lift (core func $m "f") async (callback (core func $m "cb"))))
  (export "wizer-initialize" (func $f))
  (func (export "sync-one") (canon lift (core func $m "g")))
)`;

/** Init keeps a handle to a host resource and one to a resource of its own. */
const RESOURCES = `(component
  (import "test:host/things" (instance $host
    (export "thing" (type $thing (sub resource)))
    (export "make" (func (result (own $thing))))))
  (alias export $host "thing" (type $thing))
  (type $mine (resource (rep i32)))
  (core func $new (canon resource.new $mine))
  (core func $drop (canon resource.drop $thing))
  (core func $make (canon lower (func $host "make")))
  (core module $M
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (import "r" "make" (func $make (result i32)))
    (global $mine (mut i32) (i32.const 0))
    (global $theirs (mut i32) (i32.const 0))
    (func (export "init")
      (global.set $mine (call $new (i32.const 7)))
      (global.set $theirs (call $make)))
    (func (export "release") (call $drop (global.get $theirs))))
  (core instance $m (instantiate $M (with "r" (instance
    (export "new" (func $new)) (export "drop" (func $drop)) (export "make" (func $make))))))
  (func (export "wizer-initialize") (canon lift (core func $m "init")))
  (func (export "release") (canon lift (core func $m "release")))
)`;

/** A component exporting one root function per name, all lifted from one core function. */
function functions(names: string[]): string {
  const exports = names.map((n) => `(func (export "${n}") (canon lift (core func $m "f")))`);
  return `(component
    (core module $M (func (export "f")))
    (core instance $m (instantiate $M))
    ${exports.join('\n    ')})`;
}

/** One captured core instance. */
interface Captured {
  entry: GlueCoreModule;
  instance: WebAssembly.Instance;
}

/** A run of the component: plain (original core modules) or instrumented. */
interface Run {
  component: ComponentInstance;
  /** Core instances in the order the glue created them. */
  instances: Captured[];
}

/** Per file: the parsed original module and its instrumented copy. */
type Instrumentation = Map<string, { cx: ModuleContext; instrumented: Instrumented }>;

function instrumentAll(glue: ComponentGlue): Instrumentation {
  const result: Instrumentation = new Map();
  for (const entry of glue.coreModules) {
    if (entry.moduleIndex === undefined) continue;
    const cx = parseModule(entry.bytes);
    const instrumented = instrument(cx);
    expect(WebAssembly.validate(instrumented.wasm as BufferSource)).toBe(true);
    result.set(entry.file, { cx, instrumented });
  }
  return result;
}

/** Instantiates the component with the original modules, or the instrumented ones if given. */
async function run(
  glue: ComponentGlue,
  imports: HostImports,
  instrumentation?: Instrumentation,
): Promise<Run> {
  const byModule = new Map<WebAssembly.Module, GlueCoreModule>();
  const instances: Captured[] = [];
  const getCoreModule = async (file: string): Promise<WebAssembly.Module> => {
    const entry = glue.coreModules.find((m) => m.file === file);
    if (entry === undefined) throw new Error(`the glue asked for an unknown file ${file}`);
    const bytes = instrumentation?.get(file)?.instrumented.wasm ?? entry.bytes;
    const module = await WebAssembly.compile(bytes as BufferSource);
    byModule.set(module, entry);
    return module;
  };
  const component = await glue.instantiate(getCoreModule, imports, (module, importObject) => {
    const entry = byModule.get(module);
    if (entry === undefined) throw new Error('instantiateCore got a module we did not give');
    const instance = new WebAssembly.Instance(module, importObject);
    // The instrumented copy exports its start function instead of running it: run it right here,
    // where V8 would have run it, before the glue goes on.
    const start = instrumentation?.get(entry.file)?.instrumented.start;
    if (start !== undefined) (instance.exports[start] as () => void)();
    instances.push({ entry, instance });
    return instance;
  });
  return { component, instances };
}

/** A global's bits as the instrumentation's getter returns them (i32/i64, floats reinterpreted). */
function bitsOf(type: number, value: unknown): number | bigint {
  const view = new DataView(new ArrayBuffer(8));
  switch (type) {
    case ValTypeCode.F32:
      view.setFloat32(0, value as number, true);
      return view.getInt32(0, true);
    case ValTypeCode.F64:
      view.setFloat64(0, value as number, true);
      return view.getBigInt64(0, true);
    default:
      return value as number | bigint;
  }
}

interface State {
  /** `file/export-name` of each mutable global -> its bits. */
  globals: Map<string, number | bigint>;
  /** `file/export-name` of each defined memory -> its bytes. */
  memories: Map<string, Uint8Array>;
}

/** Reads state through the instrumentation's getters and memory exports. */
function readInstrumented(instrumentation: Instrumentation, instances: Captured[]): State {
  const state: State = { globals: new Map(), memories: new Map() };
  for (const { entry, instance } of instances) {
    const info = instrumentation.get(entry.file)!;
    const { cx, instrumented } = info;
    const importedGlobals = cx.imports.filter((i) => i.kind === ExternalKind.Global).length;
    const importedMemories = cx.imports.filter((i) => i.kind === ExternalKind.Memory).length;
    const exportName = (kind: ExternalKind, index: number) =>
      cx.exports.find((e) => e.kind === kind && e.index === index)?.name ?? `#${index}`;
    for (const probe of instrumented.globals) {
      const name = exportName(ExternalKind.Global, importedGlobals + probe.globalIndex);
      const value = (instance.exports[probe.exports[0]!] as () => number | bigint)();
      state.globals.set(`${entry.file}/${name}`, value);
    }
    instrumented.memories.forEach((memoryExport, k) => {
      const name = exportName(ExternalKind.Memory, importedMemories + k);
      const memory = instance.exports[memoryExport] as WebAssembly.Memory;
      state.memories.set(`${entry.file}/${name}`, new Uint8Array(memory.buffer).slice());
    });
  }
  return state;
}

/** Reads the same state from a plain run, through the modules' own exports. */
function readPlain(instrumentation: Instrumentation, instances: Captured[]): State {
  const state: State = { globals: new Map(), memories: new Map() };
  for (const { entry, instance } of instances) {
    const { cx } = instrumentation.get(entry.file)!;
    const importedGlobals = cx.imports.filter((i) => i.kind === ExternalKind.Global).length;
    const importedMemories = cx.imports.filter((i) => i.kind === ExternalKind.Memory).length;
    for (const e of cx.exports) {
      if (e.kind === ExternalKind.Global && e.index >= importedGlobals) {
        const def = cx.globals[e.index - importedGlobals]!;
        if (!def.mutable) continue;
        const global = instance.exports[e.name] as WebAssembly.Global;
        state.globals.set(`${entry.file}/${e.name}`, bitsOf(def.type.code, global.value));
      }
      if (e.kind === ExternalKind.Memory && e.index >= importedMemories) {
        const memory = instance.exports[e.name] as WebAssembly.Memory;
        state.memories.set(`${entry.file}/${e.name}`, new Uint8Array(memory.buffer).slice());
      }
    }
  }
  return state;
}

describe('jco glue: a multi-module component with instrumented core modules', () => {
  it('maps files to module sections, including a module never instantiated', async () => {
    const glue = await loadComponentGlue(await parse(MULTI_MODULE));
    expect(glue.coreModules.map((m) => [m.file, m.moduleIndex])).toEqual([
      ['component.core.wasm', 0],
      ['component.core2.wasm', 1],
      ['component.core3.wasm', 2],
      ['component.core4.wasm', 3],
    ]);
    expect(glue.imports).toEqual([]);
    expect(glue.exports).toEqual([
      { name: 'get', kind: 'function' },
      { name: 'getSixtyFour', kind: 'function' },
      { name: 'wizerInitialize', kind: 'function' },
    ]);
  });

  it('captures every core instance, and globals and memories after init equal plain execution', async () => {
    const glue = await loadComponentGlue(await parse(MULTI_MODULE));
    const instrumentation = instrumentAll(glue);

    const plain = await run(glue, {});
    const ours = await run(glue, {}, instrumentation);
    // Instantiation order is the component's: $A, $B, $Init; $Never is compiled but never used.
    const order = ['component.core.wasm', 'component.core2.wasm', 'component.core4.wasm'];
    expect(plain.instances.map((c) => c.entry.file)).toEqual(order);
    expect(ours.instances.map((c) => c.entry.file)).toEqual(order);

    // Before init: the start function ran in both (s = 11).
    expect(readInstrumented(instrumentation, ours.instances)).toEqual(
      readPlain(instrumentation, plain.instances),
    );

    (plain.component.exports['wizerInitialize'] as () => void)();
    (ours.component.exports['wizerInitialize'] as () => void)();

    const expected = readPlain(instrumentation, plain.instances);
    const actual = readInstrumented(instrumentation, ours.instances);
    expect(actual).toEqual(expected);
    // Every mutable global and defined memory was compared, and holds what init left there.
    expect([...actual.globals]).toEqual([
      ['component.core.wasm/g', 42],
      ['component.core.wasm/h', -5n],
      ['component.core.wasm/s', 11],
      ['component.core2.wasm/f', bitsOf(ValTypeCode.F64, 1.5)],
      ['component.core2.wasm/x', bitsOf(ValTypeCode.F32, -0.25)],
    ]);
    const shared = actual.memories.get('component.core.wasm/memory')!;
    expect(shared.length).toBe(2 * 65536);
    const view = new DataView(shared.buffer);
    expect(view.getUint32(100, true)).toBe(0xdeadbeef);
    expect(view.getUint32(70000, true)).toBe(43);
    const own = new DataView(actual.memories.get('component.core2.wasm/own')!.buffer);
    expect(own.getBigUint64(8, true)).toBe(0x0102030405060708n);

    // The core snapshot and rewrite of each module keep what init left: $A's memory holds $B's
    // write (defined state is captured by the module that defines it), and $B's own memory,
    // index 1 after the imported one, gets its segment there.
    const rewritten = new Map<string, Uint8Array>();
    for (const { entry, instance } of ours.instances) {
      const { cx, instrumented } = instrumentation.get(entry.file)!;
      const snap = snapshot(instrumented.globals, instrumented.memories, cx.memories, {
        globalGet: (name) => (instance.exports[name] as () => number | bigint)(),
        memoryContents: (name) =>
          new Uint8Array((instance.exports[name] as WebAssembly.Memory).buffer),
      });
      const options = { initFunc: '', keepInitFunc: true, renames: [] };
      rewritten.set(entry.file, rewriteModule(cx, snap, options));
    }
    const a = new WebAssembly.Instance(
      new WebAssembly.Module(rewritten.get('component.core.wasm')! as BufferSource),
    ).exports;
    expect(new Uint8Array((a['memory'] as WebAssembly.Memory).buffer)).toEqual(shared);
    expect((a['s'] as WebAssembly.Global).value).toBe(11);
    const b = new WebAssembly.Instance(
      new WebAssembly.Module(rewritten.get('component.core2.wasm')! as BufferSource),
      { a: { memory: new WebAssembly.Memory({ initial: 1 }), g: a['g'] as WebAssembly.Global } },
    ).exports;
    expect(new Uint8Array((b['own'] as WebAssembly.Memory).buffer)).toEqual(
      actual.memories.get('component.core2.wasm/own'),
    );
    expect((b['f'] as WebAssembly.Global).value).toBe(1.5);

    // Lifted results cross as the canonical ABI says: s32 a number, s64 a BigInt.
    expect((ours.component.exports['get'] as () => number)()).toBe(42);
    expect((ours.component.exports['getSixtyFour'] as () => bigint)()).toBe(-5n);
  });
});

describe('jco glue: a component importing a host interface', () => {
  it('passes strings and u64 values and runs init inside an exported interface', async () => {
    const glue = await loadComponentGlue(await parse(WITH_HOST));
    // The version of an imported interface is not part of its key.
    expect(glue.imports).toEqual(['test:host/log']);
    expect(glue.exports).toEqual([
      { name: 'api', kind: 'instance' },
      { name: 'test:pkg/api@1.2.3', kind: 'instance' },
    ]);
    expect(glue.coreModules.map((m) => m.moduleIndex)).toEqual([0, 1, 2]);

    const logged: unknown[] = [];
    const host: HostImports = {
      'test:host/log': {
        log: (msg: unknown) => logged.push(msg),
        getNum: () => 0xfedcba9876543210n,
      },
    };
    const instrumentation = instrumentAll(glue);
    const plain = await run(glue, host);
    const ours = await run(glue, host, instrumentation);
    expect(ours.instances.map((c) => c.entry.file)).toEqual([
      'component.core.wasm',
      'component.core3.wasm',
    ]);
    for (const { component } of [plain, ours]) {
      const api = component.exports['test:pkg/api@1.2.3'] as Record<string, () => unknown>;
      expect(component.exports['api']).toBe(api);
      api['init']!();
    }
    expect(logged).toEqual(['hello from init', 'hello from init']);

    const actual = readInstrumented(instrumentation, ours.instances);
    expect(actual).toEqual(readPlain(instrumentation, plain.instances));
    // u64 from the host lands in an i64 global as the same 64 bits.
    expect(actual.globals.get('component.core3.wasm/n')).toBe(
      BigInt.asIntN(64, 0xfedcba9876543210n),
    );
    // A string going out (`log`) is read by the host from guest memory: no allocation.
    expect(actual.globals.get('component.core.wasm/bump')).toBe(1024);

    const api = ours.component.exports['api'] as Record<string, (...args: unknown[]) => unknown>;
    expect(api['getF']!()).toBe(2.5);
    // A string coming in is copied through the guest's realloc: 14 UTF-8 bytes.
    expect(api['echo']!('héllo, wörld')).toBe('héllo, wörld');
    const after = readInstrumented(instrumentation, ours.instances);
    expect(after.globals.get('component.core.wasm/bump')).toBe(1024 + 14);
  });

  it('fails instantiation without the imported interface', async () => {
    const glue = await loadComponentGlue(await parse(WITH_HOST));
    await expect(run(glue, {})).rejects.toThrow();
  });
});

describe('jco glue: an adapter module made by Wasmtime', () => {
  it('is an extra file with no state, instantiated through the same hook', async () => {
    const glue = await loadComponentGlue(await parse(ADAPTED));
    expect(glue.coreModules.map((m) => m.moduleIndex)).toEqual([0, 1, 2, undefined]);
    // It defines no memory and no global: nothing for a snapshot to capture.
    const adapter = parseModule(glue.coreModules[3]!.bytes);
    expect([adapter.memories.length, adapter.globals.length]).toEqual([0, 0]);

    const instrumentation = instrumentAll(glue);
    const ours = await run(glue, {}, instrumentation);
    expect(ours.instances.map((c) => c.entry.moduleIndex)).toEqual([0, 1, undefined, 2]);
    // A component calling back into itself traps (no re-entrance), in Wasmtime as here.
    expect(() => (ours.component.exports['wizerInitialize'] as () => void)()).toThrow(/wasm trap/);
  });
});

describe('jco glue: what the pipeline must refuse', () => {
  it('tells async-lifted functions from sync ones', async () => {
    const glue = await loadComponentGlue(await parse(ASYNC_LIFT));
    const { component } = await run(glue, {});
    expect(isAsyncLifted(component.exports['wizerInitialize'])).toBe(true);
    expect(isAsyncLifted(component.exports['syncOne'])).toBe(false);
    expect(isAsyncLifted(undefined)).toBe(false);
  });

  it('counts resource handles the guest holds after init, host and own', async () => {
    const glue = await loadComponentGlue(await parse(RESOURCES));
    const disposed: number[] = [];
    class Thing {
      [Symbol.dispose](): void {
        disposed.push(1);
      }
    }
    const host: HostImports = { 'test:host/things': { Thing, make: () => new Thing() } };
    const { component } = await run(glue, host);
    expect(component.liveHandles()).toBe(0);
    (component.exports['wizerInitialize'] as () => void)();
    expect(component.liveHandles()).toBe(2);
    (component.exports['release'] as () => void)();
    expect(disposed).toEqual([1]);
    expect(component.liveHandles()).toBe(1);
  });
});

describe('jco glue: names and errors', () => {
  it('names exports as jco does', async () => {
    expect(jsName('wizer-initialize')).toBe('wizerInitialize');
    expect(jsName('get-sixty-four')).toBe('getSixtyFour');
    expect(jsName('get-HTTP-body')).toBe('getHttpBody');
    const names = ['f32-value', 'a-b-c', 'wizer-initialize', 'x'];
    const glue = await loadComponentGlue(await parse(functions(names)));
    expect(glue.exports.map((e) => e.name).sort()).toEqual(names.map(jsName).sort());
  });

  it('passes traps through with Wasmtime wording, and refuses calls after one', async () => {
    const wat = `(component
      (core module $M (func (export "boom") unreachable) (func (export "ok")))
      (core instance $m (instantiate $M))
      (func (export "wizer-initialize") (canon lift (core func $m "boom")))
      (func (export "ok") (canon lift (core func $m "ok"))))`;
    const glue = await loadComponentGlue(await parse(wat));
    const { component } = await run(glue, {});
    const init = component.exports['wizerInitialize'] as () => void;
    const trap: unknown = (() => {
      try {
        init();
      } catch (error) {
        return error;
      }
    })();
    expect(trap).toBeInstanceOf(WebAssembly.RuntimeError);
    expect((trap as Error).message).toBe('wasm trap: wasm `unreachable` instruction executed');
    expect(component.exports['ok'] as () => void).toThrow(
      'wasm trap: cannot enter component instance',
    );
  });

  it('reports what jco says about a component it cannot translate', async () => {
    // jco 0.15 panics on a WIT name with an upper-case (acronym) word; its panic message is kept.
    const error: unknown = await parse(functions(['get-HTTP-body']))
      .then(loadComponentGlue)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'WizerError',
      message: 'failed to translate the component for V8 (jco)',
    });
    expect(String((error as Error).cause)).toMatch(/failed to find component export/);
  });

  it('reports a component that is not well-formed as a decode error', async () => {
    const broken = new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 1, 9]);
    await expect(loadComponentGlue(broken)).rejects.toThrow(/unexpected end-of-file/);
  });

  it('refuses a core module', async () => {
    const core = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    await expect(loadComponentGlue(core)).rejects.toThrow(/expected a component/);
  });

  it('refuses a transpiler file of another shape than the one it knows', () => {
    const known = "import { random } from '@bytecodealliance/preview2-shim/random';\nexport { f }";
    expect(rewrite(known, '/x')).toContain('globalThis[Symbol.for(');
    expect(() => rewrite(`${known}\nimport { x } from 'other';`, '/x')).toThrow(/unsupported/);
    expect(() => rewrite('const u = import.meta.url;', '/x')).toThrow(/unsupported/);
  });

  it('keeps the start export name the instrumentation uses', () => {
    // run() above relies on the instrumented copy exporting its start function under this name.
    expect(START_EXPORT).toBe('__wizer_start');
  });
});
