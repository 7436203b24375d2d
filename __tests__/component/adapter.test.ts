/**
 * WASI keeps working after init (issue 10): a C reactor made a component with the WASI preview1
 * adapter prints, reads a preopened file and an environment variable during init; its wizened
 * output, instantiated fresh with its own WASI 0.2 host and never initialized, prints and reads
 * files again (the adapter takes its handles anew) and answers from the snapshot.
 *
 * The proof is the equivalence harness's: the original, after init and after the adapter's reset
 * (done by the harness's resetPreview1Adapter, independently of src/component/adapter.ts), behaves exactly like the
 * output, bit for bit in every core instance, before and after the probes. Three builds: the
 * plain program (wit-component trims `reset_adapter_state` from the adapter), one that imports
 * it (the adapter exports it), one whose init calls it itself (as componentize-py does).
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { wizen, type WizenOptions } from '../../src/wizer/index.js';
import { loadComponentGlue, type GlueCoreModule } from '../../src/component/glue.js';
import { possibleHolders, type CoreInstanceRecord } from '../../src/component/adapter.js';
import { parseModule } from '../../src/wizer/parse.js';
import { compileWasi } from '../helpers/wasi-cc.js';
import { repoRoot, tempDir } from '../helpers/tools.js';
import { assemble } from './fixtures.js';
import { expectEquivalent, resetPreview1Adapter, type Probe } from './equivalence.js';

const SOURCE = join(repoRoot, 'fixtures', 'components', 'equivalence', 'wasi-after-init.c');

const WIT = `package local:wasi-after-init;
world probe {
  export wizer-initialize: func();
  export get-config: func() -> string;
  export get-mode: func() -> string;
  export say: func() -> s32;
  export read-other: func() -> string;
}`;

type Build = 'trimmed' | 'imported' | 'self-reset' | 'host-import';

const DEFINES: Record<Build, string[]> = {
  trimmed: [],
  imported: ['-DIMPORT_RESET'],
  'self-reset': ['-DIMPORT_RESET', '-DSELF_RESET'],
  'host-import': ['-DHOST_IMPORT'],
};

async function build(kind: Build): Promise<Uint8Array> {
  const core = await compileWasi({
    sources: [SOURCE],
    flags: ['-O1', '-mexec-model=reactor', ...DEFINES[kind]],
  });
  const witSource =
    kind === 'host-import'
      ? WIT.replace('world probe {', 'world probe {\n  import log: func(text: string);')
      : WIT;
  const embedded = await componentEmbed({ binary: core, witSource, world: 'probe' });
  const adapter = readFileSync(preview1AdapterReactorPath());
  return componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
}

const RESET = 'reset_adapter_state';

/** The exports of each of the component's core modules, as jco hands them over. */
async function coreExports(component: Uint8Array): Promise<string[][]> {
  const glue = await loadComponentGlue(component);
  return glue.coreModules.map((core) =>
    WebAssembly.Module.exports(new WebAssembly.Module(core.bytes as Uint8Array<ArrayBuffer>)).map(
      (e) => e.name,
    ),
  );
}

const p = (...path: string[]): Probe => ({ path });
const PROBES = [p('get-config'), p('get-mode'), p('say'), p('read-other'), p('say'), p('get-mode')];

describe("the preview1 adapter's reset", () => {
  const components = new Map<Build, Uint8Array>();
  beforeAll(async () => {
    for (const kind of ['trimmed', 'imported', 'self-reset', 'host-import'] as const) {
      components.set(kind, await build(kind));
    }
  }, 240_000);

  it('is exported by the adapter jco ships, and kept by wit-component only if the program imports it', async () => {
    const shipped = new WebAssembly.Module(readFileSync(preview1AdapterReactorPath()));
    expect(WebAssembly.Module.exports(shipped).map((e) => e.name)).toContain(RESET);
    const trimmed = (await coreExports(components.get('trimmed')!)).flat();
    expect(trimmed).not.toContain(RESET);
    expect(trimmed).toContain('fd_write'); // the adapter is there, trimmed to what is used
    const imported = (await coreExports(components.get('imported')!)).flat();
    expect(imported).toContain(RESET);
  });

  for (const kind of ['trimmed', 'imported', 'self-reset', 'host-import'] as const) {
    it(`${kind}: init prints, reads a preopen and the environment; the output prints and reads files with its own host`, async () => {
      const dir = tempDir('component-adapter-');
      onTestFinished(() => dir.cleanup());
      const data = join(dir.path, 'data');
      const later = join(dir.path, 'later');
      mkdirSync(data);
      mkdirSync(later);
      writeFileSync(join(data, 'config.txt'), 'alpha\nbeta\n');
      writeFileSync(join(data, 'other.txt'), 'other contents');
      // The output's preopen has the other file only: the configuration comes from the snapshot.
      writeFileSync(join(later, 'other.txt'), 'other contents');
      const stdout = join(dir.path, 'stdout');
      writeFileSync(join(dir.path, 'stdin'), '');
      const fds = [openSync(join(dir.path, 'stdin'), 'r'), openSync(stdout, 'w')] as const;
      onTestFinished(() => fds.forEach((fd) => closeSync(fd)));

      const options: Partial<WizenOptions> = {
        allowWasi: true,
        inheritStdio: false,
        preopens: [{ guest: '/data', host: data }],
        env: [['MODE', 'production']],
      };
      // host-import: the main module imports a host function of its own (never called), so it
      // reaches the glue, but none of its imports made the handles the adapter holds.
      const { outcomes } = await expectEquivalent(components.get(kind)!, options, PROBES, {
        imports: () => ({ log: { default: () => undefined } }),
        afterInit: resetPreview1Adapter,
        outputHost: {
          preopens: [{ guest: '/data', host: later }],
          env: [],
          inheritStdio: true,
          hostStdio: [fds[0], fds[1], 2],
        },
      });
      expect(outcomes).toEqual([
        { ok: true, value: 'alpha\nbeta\n' },
        { ok: true, value: 'production' },
        { ok: true, value: 'probe 1: mode production\n'.length },
        { ok: true, value: 'other contents' },
        { ok: true, value: 'probe 2: mode production\n'.length },
        { ok: true, value: 'production' },
      ]);
      // The output printed through its own stdout, and nothing of init's.
      expect(readFileSync(stdout, 'utf8')).toBe(
        'probe 1: mode production\nprobe 2: mode production\n',
      );
    }, 120_000);
  }
});

/** Init keeps the stdout stream of WASI 0.2 in a global: no adapter can forget it. */
const KEEPS_STDOUT = `(component
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type (sub resource)))))
  (alias export $streams "output-stream" (type $os))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer 1 $os (type $t))
    (export "output-stream" (type $t2 (eq $t)))
    (export "get-stdout" (func (result (own $t2))))))
  (core func $get (canon lower (func $stdout "get-stdout")))
  (core module $M
    (import "wasi" "get-stdout" (func $get (result i32)))
    (global $kept (mut i32) (i32.const 0))
    (memory 1)
    (func (export "init") (global.set $kept (call $get))))
  (core instance $m (instantiate $M (with "wasi" (instance (export "get-stdout" (func $get))))))
  (func (export "wizer-initialize") (canon lift (core func $m "init")))
)`;

/**
 * Two stateful modules import the same host function that makes a handle (each its own lowered
 * copy); only the first calls it and keeps the handle. A third imports a function that makes none.
 */
const TWO_IMPORTERS = `(component
  (import "test:host/things" (instance $host
    (export "thing" (type $thing (sub resource)))
    (export "make" (func (result (own $thing))))
    (export "note" (func))))
  (core func $make1 (canon lower (func $host "make")))
  (core func $make2 (canon lower (func $host "make")))
  (core func $note (canon lower (func $host "note")))
  (core module $Keeper
    (import "h" "make" (func $make (result i32)))
    (global $kept (mut i32) (i32.const 0))
    (func (export "init") (global.set $kept (call $make))))
  (core module $Idle
    (import "h" "make" (func (result i32)))
    (global (mut i32) (i32.const 0)))
  (core module $Noter
    (import "h" "note" (func $note))
    (global (mut i32) (i32.const 0))
    (func (export "init") (call $note)))
  (core instance $keeper (instantiate $Keeper (with "h" (instance (export "make" (func $make1))))))
  (core instance $idle (instantiate $Idle (with "h" (instance (export "make" (func $make2))))))
  (core instance $noter (instantiate $Noter (with "h" (instance (export "note" (func $note))))))
  (func (export "keep") (canon lift (core func $keeper "init")))
  (func (export "note") (canon lift (core func $noter "init")))
)`;

describe('which core modules may hold a live handle', () => {
  it('only those whose imports made one: the glue records the import running at each creation', async () => {
    const glue = await loadComponentGlue(await assemble(TWO_IMPORTERS));
    class Thing {}
    const cores: CoreInstanceRecord[] = [];
    const entries = new Map<WebAssembly.Module, GlueCoreModule>();
    const component = await glue.instantiate(
      (file) => {
        const entry = glue.coreModules.find((c) => c.file === file)!;
        const module = new WebAssembly.Module(entry.bytes as Uint8Array<ArrayBuffer>);
        entries.set(module, entry);
        return module;
      },
      { 'test:host/things': { Thing, make: () => new Thing(), note: () => undefined } },
      (module, imports) => {
        const instance = new WebAssembly.Instance(module, imports);
        const { moduleIndex, bytes } = entries.get(module)!;
        cores.push({ module, imports, instance, moduleIndex, cx: parseModule(bytes) });
        return instance;
      },
    );
    const holderNames = (origins: unknown[]): Array<number | undefined> =>
      possibleHolders(cores, origins).map((core) => core.moduleIndex);
    (component.exports['note'] as () => void)();
    expect(component.liveHandleOrigins()).toEqual([]);
    expect(holderNames(component.liveHandleOrigins())).toEqual([]);
    (component.exports['keep'] as () => void)();
    const origins = component.liveHandleOrigins();
    expect(origins).toHaveLength(1);
    // The origin is the keeper's own import, as its instantiation received it.
    expect(origins[0]).toBe((cores[0]!.imports!['h'] as Record<string, unknown>)['make']);
    expect(holderNames(origins)).toEqual([0]);
    // A handle of unknown origin: every stateful module reaching the glue is suspected.
    expect(holderNames([undefined])).toEqual([0, 1, 2]);
  });
});

describe('handles no reset can forget', () => {
  it('are refused, with how many and which module may hold them', async () => {
    const input = await assemble(KEEPS_STDOUT);
    const error = await wizen(input, { allowWasi: true, inheritStdio: false }).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: unknown },
    );
    expect(error?.message).toBe(
      'the initialization function left 1 resource handle open, which a snapshot cannot keep',
    );
    expect(String(error?.cause)).toBe(
      'no WASI preview1 adapter to reset (no core module exports `reset_adapter_state` or has ' +
        "the adapter's state globals); core module 0 may hold them: handles of WASI 0.2 or of " +
        "the component's own resources must be dropped before init returns",
    );
  });
});
