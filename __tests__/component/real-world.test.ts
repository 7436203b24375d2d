/**
 * A real component from the ecosystem with its init left to us (issue 10): a JS app built by
 * ComponentizeJS 0.23 (StarlingMonkey spliced with the app's bindings, made a component by
 * wit-component with the official preview1 reactor adapter).
 *
 * ComponentizeJS cannot give such a component as it is: it runs Wizer on the core module itself
 * (`wizerBin`); its init export `componentize.wizer` is not in the WIT world, so wit-component
 * drops it; and after Wizer it stubs WASI out (`stubWasi`: environment, files and so on trap),
 * so the init could not run in its output anyway. So the app's world gains a root export
 * `componentize-wizer: func()`, and the `wizerBin` we pass does no wizening: it points that
 * export at StarlingMonkey's `componentize.wizer` (and drops the bindings' post-return for it),
 * records the invocation (environment, stdin, preopened trees) and keeps the engine it was given.
 * The component is then made from that engine by the call ComponentizeJS itself makes after
 * stubbing (`componentNew` with the preview1 reactor adapter).
 *
 * What this proves: the component instantiates, its export runs the JS init (reading its
 * arguments from stdin, the app from a preopen) and the app answers after it; wizening it works
 * and the output answers without init; and with --deterministic (the init reads clocks and random
 * bytes, so only then are two runs comparable) the equivalence harness's full proof: every core
 * instance's globals and memory bytes after init equal the output's before any call, and the
 * output is the same bytes twice. After init 5 handles are live: get-stdin/stdout/stderr and
 * get-directories, which only the adapter imports; the engine imports WASI 0.2 functions itself
 * too (wasi:io, clocks, random, http), and the glue's record of which import made each handle
 * (src/component/glue.ts) is what tells the pipeline that the adapter alone holds them.
 * ComponentizeJS passes its export signatures in environment variables, some of them empty
 * (`EXPORT1_ARGS=` for a function without arguments): the case that found jco's empty-string
 * shortcut, which the pipeline patches out of the glue.
 *
 * The init reads its arguments from stdin, which the host reads from fd 0: `node:fs`'s readSync
 * is replaced for fd 0 by the recorded stdin.
 */
import { componentize } from '@bytecodealliance/componentize-js';
import { componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import * as fs from 'node:fs';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wizen, type WizenOptions } from '../../src/wizer/index.js';
import type { HostImports } from '../../src/component/glue.js';
import { tempDir } from '../helpers/tools.js';
import {
  call,
  exportedFunction,
  expectEquivalent,
  resetPreview1Adapter,
  hostOptions,
  instantiateComponent,
  type Probe,
} from './equivalence.js';
import { removeTranspiled } from './fixtures.js';

const stdin = vi.hoisted(() => ({ bytes: new Uint8Array(0), at: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  const readSync = (fd: number, buffer: Uint8Array, ...rest: unknown[]): number => {
    if (fd !== 0) {
      return (original.readSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
    }
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : buffer.length - offset;
    const n = Math.min(length, stdin.bytes.length - stdin.at);
    buffer.set(stdin.bytes.subarray(stdin.at, stdin.at + n), offset);
    stdin.at += n;
    return n;
  };
  return { ...original, default: { ...original, readSync }, readSync };
});

const slow = 900_000;

/** The stand-in `wizerBin`: records the invocation, redirects the init export, copies. */
const WIZER_BIN = `
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [record, ...args] = process.argv.slice(2);
const stdin = readFileSync(0, 'utf8');
const preopens = [];
let input, output;
for (const arg of args) {
  if (arg.startsWith('--dir=')) preopens.push({ guest: arg.slice(6), host: arg.slice(6) });
  else if (arg.startsWith('--mapdir=')) {
    const [guest, host] = arg.slice(9).split('::');
    preopens.push({ guest, host });
  } else if (arg.startsWith('-o=')) output = arg.slice(3);
  else if (!arg.startsWith('-')) input = arg;
}
// ComponentizeJS removes its temporary trees afterwards: keep a copy of each.
preopens.forEach((p, i) => {
  const copy = join(record, 'tree' + i);
  cpSync(p.host, copy, { recursive: true });
  p.host = copy;
});
const env = Object.entries(process.env).filter(([k]) =>
  /^(DEBUG|SOURCE_NAME|FEATURE_|EXPORT|IMPORT)/.test(k));
writeFileSync(join(record, 'invocation.json'), JSON.stringify({ args, stdin, env, preopens }));

// Export section (id 7): the export "componentize-wizer" now calls "componentize.wizer".
const m = readFileSync(input);
function leb(at) { let v = 0, s = 0, b; do { b = m[at++]; v += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return [v, at]; }
function enc(v) { const out = []; do { let b = v & 0x7f; v = Math.floor(v / 128); if (v) b |= 0x80; out.push(b); } while (v); return out; }
let at = 8, done = false;
const chunks = [m.subarray(0, 8)];
while (at < m.length) {
  const start = at; const id = m[at++]; let size; [size, at] = leb(at); const end = at + size;
  if (id !== 7) { chunks.push(m.subarray(start, end)); at = end; continue; }
  let count; [count, at] = leb(at);
  const entries = [];
  for (let i = 0; i < count; i++) {
    let len; [len, at] = leb(at); const name = m.subarray(at, at + len).toString(); at += len;
    const kind = m[at++]; let index; [index, at] = leb(at);
    entries.push({ name, kind, index });
  }
  const from = entries.find((e) => e.name === 'componentize.wizer' && e.kind === 0);
  const to = entries.find((e) => e.name === 'componentize-wizer' && e.kind === 0);
  if (!from || !to) throw new Error('init exports not found');
  to.index = from.index;
  // The bindings' post-return for that export expects a JS call to clean up after: none.
  for (const e of entries) if (e.name === 'cabi_post_componentize-wizer') e.name = 'componentize.wizer-post-unused';
  const body = [...enc(count)];
  for (const e of entries) body.push(...enc(Buffer.byteLength(e.name)), ...Buffer.from(e.name), e.kind, ...enc(e.index));
  chunks.push(Buffer.from([7, ...enc(body.length), ...body]));
  at = end; done = true;
}
if (!done) throw new Error('no export section');
writeFileSync(output, Buffer.concat(chunks));
writeFileSync(join(record, 'engine.wasm'), Buffer.concat(chunks));
`;

const APP = `// Top-level work runs once, in the init; the exports read (and change) its results.
const greeting = ['Hello', 'from', 'a', 'pre-initialized', 'component'].join(' ');
const squares = Array.from({ length: 100 }, (_, i) => i * i).reduce((a, b) => a + b, 0);
const table = new Map(greeting.split(' ').map((word) => [word, word.length]));
let ticket = squares % 1000;
export function greet(name) {
  return \`\${greeting}, \${name}! (\${squares}; \${[...table.keys()].join('/')})\`;
}
export function nextTicket() {
  ticket += 1;
  return ticket;
}
// Never runs: the wizerBin points this export at StarlingMonkey's init.
export function componentizeWizer() {}
`;

const WIT = `package local:real-world;
world app {
  export greet: func(name: string) -> string;
  export next-ticket: func() -> u32;
  export componentize-wizer: func();
}
`;

interface Invocation {
  args: string[];
  stdin: string;
  env: Array<[string, string]>;
  preopens: Array<{ guest: string; host: string }>;
}

const scratch = tempDir('wizer-real-world-');
let component: Uint8Array;
let invocation: Invocation;
let componentizeMs: number;

beforeAll(async () => {
  const appDir = join(scratch.path, 'app');
  const record = join(scratch.path, 'record');
  mkdirSync(appDir, { recursive: true });
  mkdirSync(record, { recursive: true });
  writeFileSync(join(appDir, 'app.js'), APP);
  writeFileSync(join(appDir, 'app.wit'), WIT);
  const script = join(scratch.path, 'redirect-init.mjs');
  writeFileSync(script, WIZER_BIN);
  // ComponentizeJS spawns `wizerBin` without PATH: a launcher naming Node by absolute path.
  const bin = join(scratch.path, 'wizer-bin.mjs');
  writeFileSync(
    bin,
    `#!${process.execPath}\nprocess.argv.splice(2, 0, ${JSON.stringify(record)});\n` +
      `await import(${JSON.stringify(pathToFileURL(script).href)});\n`,
  );
  chmodSync(bin, 0o755);
  const started = performance.now();
  ({ component } = await componentize({
    sourcePath: join(appDir, 'app.js'),
    witPath: join(appDir, 'app.wit'),
    worldName: 'app',
    wizerBin: bin,
  }));
  componentizeMs = performance.now() - started;
  invocation = JSON.parse(readFileSync(join(record, 'invocation.json'), 'utf8')) as Invocation;
  // ComponentizeJS's own last steps, minus stubbing WASI out (which assumes the init has run):
  // wit-component with the preview1 reactor adapter, on the engine as the wizerBin received it.
  const started2 = performance.now();
  component = await componentNew(readFileSync(join(record, 'engine.wasm')), [
    ['wasi_snapshot_preview1', readFileSync(preview1AdapterReactorPath())],
  ]);
  componentizeMs += performance.now() - started2;
}, slow);

afterAll(() => {
  removeTranspiled();
  scratch.cleanup();
});

/** wasi:http, imported by StarlingMonkey and never used by the app: inert stand-ins. */
function httpStubs(): HostImports {
  const stub = (): Record<string, unknown> => new Proxy({}, { get: () => class {} });
  return {
    'wasi:http/types': stub(),
    'wasi:http/outgoing-handler': stub(),
  } as HostImports;
}

const GREETING =
  'Hello from a pre-initialized component, world! (328350; Hello/from/a/pre-initialized/component)';
const PROBES: Probe[] = [{ path: ['greet'], args: ['world'] }, { path: ['next-ticket'] }];

function wizenOptions(): Partial<WizenOptions> {
  return {
    initFunc: 'componentize-wizer',
    allowWasi: true,
    inheritStdio: true,
    env: invocation.env,
    preopens: invocation.preopens,
  };
}

describe('a ComponentizeJS component with the init left to us', () => {
  it(
    'is a component whose export runs the JS init, after which the app answers',
    async () => {
      expect(component.subarray(0, 8)).toEqual(
        new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]),
      );
      expect(invocation.args).toContain('componentize.wizer');
      stdin.bytes = new TextEncoder().encode(invocation.stdin);
      stdin.at = 0;
      const running = await instantiateComponent(
        component,
        hostOptions(wizenOptions()),
        httpStubs(),
      );
      try {
        expect(call(running, { path: ['componentize-wizer'] })).toEqual({
          ok: true,
          value: undefined,
        });
        expect(call(running, PROBES[0]!)).toEqual({
          ok: true,
          value: GREETING,
        });
        // The JS app's state lives on: 328350 % 1000 + 1, as Node computes it.
        expect(call(running, PROBES[1]!)).toEqual({ ok: true, value: 351 });
        expect(call(running, PROBES[1]!)).toEqual({ ok: true, value: 352 });
        // What the init leaves behind: the adapter's stdio and preopen handles.
        expect(running.liveHandles()).toBe(5);
      } finally {
        running.close();
      }
      console.log(
        `real-world: built in ${componentizeMs.toFixed(0)} ms, ${component.length} bytes`,
      );
    },
    slow,
  );

  it(
    'wizens: the output answers without init as the original does after it',
    async () => {
      stdin.bytes = new TextEncoder().encode(invocation.stdin);
      stdin.at = 0;
      const started = performance.now();
      const { wasm } = await wizen(component, wizenOptions());
      const wizenMs = performance.now() - started;
      stdin.at = 0;
      stdin.bytes = new Uint8Array(0); // the output must not need the init's input
      const output = await instantiateComponent(wasm, hostOptions(wizenOptions()), httpStubs());
      try {
        expect(exportedFunction(output.exports, ['componentize-wizer'])).toBeUndefined();
        expect(call(output, PROBES[0]!)).toEqual({ ok: true, value: GREETING });
        expect(call(output, PROBES[1]!)).toEqual({ ok: true, value: 351 });
      } finally {
        output.close();
      }
      console.log(
        `real-world: wizened ${component.length} -> ${wasm.length} bytes in ${wizenMs.toFixed(0)} ms`,
      );
    },
    slow,
  );

  it(
    'deterministic: the output is the original after init, bit for bit in every core instance',
    async () => {
      // The init reads clocks and random bytes: only with the same virtual ones in both runs can
      // the original's state after init be compared with the output's.
      const options = { ...wizenOptions(), deterministic: true };
      stdin.bytes = new TextEncoder().encode(invocation.stdin);
      stdin.at = 0;
      const { wasm, outcomes } = await expectEquivalent(component, options, PROBES, {
        imports: httpStubs,
        afterInit: (running) => {
          stdin.at = 0; // the wizening's own init reads its input again
          resetPreview1Adapter(running);
        },
        // SpiderMonkey reads the clock on every call; the output's virtual clock starts afresh.
        probesReadTime: true,
      });
      expect(outcomes).toEqual([
        { ok: true, value: GREETING },
        { ok: true, value: 351 },
      ]);
      stdin.at = 0;
      const again = await wizen(component, options);
      expect(Buffer.compare(again.wasm, wasm)).toBe(0);
      console.log(`real-world: deterministic output ${wasm.length} bytes, twice the same`);
    },
    slow,
  );
});
