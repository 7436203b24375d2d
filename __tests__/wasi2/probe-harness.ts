/**
 * The preview1 probe (fixtures/wasi/probe.c) as a component: the same program the preview1
 * differential tests run, made a component with the preview1 reactor adapter, so each of its
 * WASI calls reaches the WASI 0.2 host through the adapter and jco's glue. The log is read from
 * the main core instance's memory, captured through the glue's `instantiateCore` hook.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { patchGlueSource } from '../../src/component/glue.js';
import { errorChain } from '../../src/errors.js';
import { createWasi2Host } from '../../src/wasi2/index.js';
import { type Outcome, type Scenario, buildTree, dumpTree, withScript } from '../wasi/harness.js';
import { defaults } from './helpers.js';

const WIT = `package local:wasi-probe;
world probe {
  export wizer-initialize: func();
}`;

type Instantiate = (
  getCoreModule: (name: string) => Promise<WebAssembly.Module>,
  imports: Record<string, object>,
  instantiateCore: (
    module: WebAssembly.Module,
    imports: WebAssembly.Imports,
  ) => Promise<WebAssembly.Instance>,
) => Promise<{ wizerInitialize(): void }>;

/** The transpiled probe: glue compiled once, the main module's bytes replaced per script. */
export interface ProbeComponent {
  instantiate: Instantiate;
  files: Record<string, Uint8Array>;
  /** The name of the core module that is the probe itself (holding the script marker). */
  mainModule: string;
}

/** Makes the probe a component and transpiles it; the glue module is loaded from `dir`. */
export async function transpileProbe(probe: Uint8Array, dir: string): Promise<ProbeComponent> {
  const embedded = await componentEmbed({ binary: probe, witSource: WIT, world: 'probe' });
  const adapter = readFileSync(preview1AdapterReactorPath());
  const component = await componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
  const { files } = await transpileBytes(component, { name: 'probe', instantiation: 'async' });
  const entry = join(dir, 'probe.mjs');
  // Patched as the pipeline runs it (src/component/glue.ts), e.g. empty strings through realloc.
  writeFileSync(entry, patchGlueSource(Buffer.from(files['probe.js']!).toString('utf8')));
  const { instantiate } = (await import(pathToFileURL(entry).href)) as {
    instantiate: Instantiate;
  };
  const marker = Buffer.from('@@WASI-PROBE-SCRIPT@@');
  const mainModule = Object.keys(files).find(
    (name) => name.endsWith('.wasm') && Buffer.from(files[name]!).includes(marker),
  );
  if (mainModule === undefined) throw new Error('probe module not found among the core modules');
  return { instantiate, files, mainModule };
}

function readLog(instance: WebAssembly.Instance): string {
  const exports = instance.exports as {
    memory: WebAssembly.Memory;
    probe_log_ptr: () => number;
    probe_log_len: () => number;
  };
  return Buffer.from(
    exports.memory.buffer,
    exports.probe_log_ptr(),
    exports.probe_log_len(),
  ).toString('latin1');
}

/** Runs a scenario's script in the component with the WASI 0.2 host (stdio through files). */
export async function runComponentProbe(
  probe: ProbeComponent,
  scenario: Scenario,
  dir: string,
): Promise<Outcome> {
  const root = join(dir, 'component');
  buildTree(root, scenario.tree ?? {});
  const paths = ['stdin', 'stdout', 'stderr'].map((name) => join(dir, `component-${name}`));
  writeFileSync(paths[0]!, scenario.stdin ?? '');
  const fds = paths.map((path, i) => openSync(path, i === 0 ? 'r' : 'w')) as [
    number,
    number,
    number,
  ];
  const host = createWasi2Host({
    ...defaults,
    env: scenario.env ?? [],
    inheritStdio: scenario.inheritStdio ?? true,
    preopens: (scenario.preopens ?? []).map(([guest, host]) => ({
      guest,
      host: join(root, host),
    })),
    hostStdio: fds,
  });
  let main: WebAssembly.Instance | undefined;
  let log: string;
  try {
    const component = await probe.instantiate(
      (name) =>
        WebAssembly.compile(
          (name === probe.mainModule
            ? withScript(probe.files[name]!, scenario.script)
            : probe.files[name]!) as Uint8Array<ArrayBuffer>,
        ),
      host.imports,
      async (module, imports) => {
        const instance = await WebAssembly.instantiate(module, imports);
        if ('probe_log_ptr' in instance.exports) main = instance;
        return instance;
      },
    );
    try {
      component.wizerInitialize();
      log = readLog(main!);
    } catch (error) {
      log = `trap: ${errorChain(error).join(' / ')}`;
    }
  } finally {
    host.close();
    for (const fd of fds) closeSync(fd);
  }
  return {
    log,
    stdout: readFileSync(paths[1]!, 'latin1'),
    stderr: readFileSync(paths[2]!, 'latin1'),
    tree: dumpTree(root),
  };
}
