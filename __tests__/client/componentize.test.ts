/**
 * The real client: ComponentizeJS 0.23 runs Wizer as an external executable (`wizerBin`) on its
 * StarlingMonkey engine. With our CLI in that role, componentize() must give components that
 * behave like the ones made with upstream Wizer, and report a failing app the same way.
 */
import { componentize } from '@bytecodealliance/componentize-js';
import { transpile } from '@bytecodealliance/jco';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourCliPath, repoRoot, tempDir, upstreamWizerPath } from '../helpers/tools.js';

// Each componentize() splices and wizens a 10 MB engine: seconds each, more on a busy machine.
const slow = 600_000;

const appsDir = join(repoRoot, 'fixtures', 'componentize');
const scratch = tempDir('wizer-client-');
// Transpiled components import @bytecodealliance/preview2-shim, so they must live in the repo.
const transpiledDir = join(repoRoot, '.tmp', `client-test-${process.pid}`);

/** ComponentizeJS spawns `wizerBin` without PATH: a launcher naming Node 24 by absolute path. */
function ourWizerBin(): string {
  const path = join(scratch.path, 'our-wizer.mjs');
  const cliUrl = pathToFileURL(ourCliPath).href;
  writeFileSync(path, `#!${process.execPath}\nawait import(${JSON.stringify(cliUrl)});\n`);
  chmodSync(path, 0o755);
  return path;
}

type Tool = 'upstream' | 'ours';
let wizerBins: Record<Tool, string>;

/**
 * Componentizes a fixture app (`fixtures/componentize/<app>/<app>.js` and `<app>.wit`) copied into
 * a folder of its own, which ComponentizeJS maps to `/` for the engine while Wizer runs.
 */
async function componentizeApp(app: string, tool: Tool): Promise<Uint8Array> {
  const appDir = join(scratch.path, `${app}-${tool}`);
  cpSync(join(appsDir, app), appDir, { recursive: true });
  const { component } = await componentize({
    sourcePath: join(appDir, `${app}.js`),
    witPath: join(appsDir, app, `${app}.wit`),
    worldName: app,
    wizerBin: wizerBins[tool],
  });
  return component;
}

interface LoadedComponent {
  exports: Record<string, unknown>;
  /** Import and export lists of each core module inside the component. */
  coreShapes: Record<string, unknown>;
}

/** Node's own evaluation of a fixture app: the reference for what its exports return. */
async function evaluateInNode(app: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(join(appsDir, app, `${app}.js`)).href;
  return (await import(url)) as Record<string, unknown>;
}

async function loadComponent(component: Uint8Array, label: string): Promise<LoadedComponent> {
  const { files } = await transpile(component, { name: label, quiet: true, noTypescript: true });
  const coreShapes: Record<string, unknown> = {};
  for (const [file, bytes] of Object.entries(files)) {
    const path = join(transpiledDir, label, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    if (file.endsWith('.wasm')) {
      const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
      coreShapes[file.slice(label.length)] = {
        imports: WebAssembly.Module.imports(module),
        exports: WebAssembly.Module.exports(module),
      };
    }
  }
  const url = pathToFileURL(join(transpiledDir, label, `${label}.js`)).href;
  const exports = (await import(url)) as Record<string, unknown>;
  return { exports, coreShapes };
}

function call(exports: Record<string, unknown>, name: string, ...args: unknown[]): unknown {
  const fn = exports[name];
  if (typeof fn !== 'function') throw new Error(`the component does not export ${name}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

/** ComponentizeJS's error without its first line, which names the wizerBin path. */
async function componentizeError(app: string, tool: Tool): Promise<string> {
  const error = await componentizeApp(app, tool).then(
    () => new Error(`componentize() of ${app} with ${tool} unexpectedly succeeded`),
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`non-Error rejection: ${String(error)}`);
  if (!error.message.startsWith('Failed to initialize component')) throw error;
  return error.message.split('\n').slice(1).join('\n');
}

describe('ComponentizeJS 0.23 with our CLI as wizerBin', () => {
  beforeAll(() => {
    if (!existsSync(ourCliPath)) throw new Error(`${ourCliPath} is missing: run npm run build`);
    wizerBins = { upstream: upstreamWizerPath(), ours: ourWizerBin() };
  });
  afterAll(() => {
    scratch.cleanup();
    rmSync(transpiledDir, { recursive: true, force: true });
  });

  it(
    'makes a component whose exports answer like the one made with upstream Wizer',
    async () => {
      const upstream = await loadComponent(await componentizeApp('hello', 'upstream'), 'upstream');
      const ours = await loadComponent(await componentizeApp('hello', 'ours'), 'ours');

      // The same app evaluated by Node is the independent reference for both components.
      const plain = (await import(
        pathToFileURL(join(appsDir, 'hello', 'hello.js')).href
      )) as Record<string, unknown>;
      const session = (exports: Record<string, unknown>) => [
        call(exports, 'greet', 'client test'),
        call(exports, 'nextTicket'),
        call(exports, 'nextTicket'),
      ];
      const expected = session(plain);
      expect(session(upstream.exports)).toEqual(expected);
      expect(session(ours.exports)).toEqual(expected);
      expect(ours.coreShapes).toEqual(upstream.coreShapes);
    },
    slow,
  );

  it(
    'loads an app split over several files through the mapped app folder',
    async () => {
      const upstream = await loadComponent(await componentizeApp('modules', 'upstream'), 'mod-up');
      const ours = await loadComponent(await componentizeApp('modules', 'ours'), 'mod-ours');
      const words = ['wizer', 'on', 'node', 'twenty', 'four'];
      const expected = call(await evaluateInNode('modules'), 'describe', words);
      expect(call(upstream.exports, 'describe', words)).toBe(expected);
      expect(call(ours.exports, 'describe', words)).toBe(expected);
      expect(ours.coreShapes).toEqual(upstream.coreShapes);
    },
    slow,
  );

  it(
    'reports an exception thrown while initializing the same way as upstream Wizer',
    async () => {
      const upstream = await componentizeError('throws', 'upstream');
      expect(upstream).toContain('RangeError: top-level failure while initializing');
      expect(await componentizeError('throws', 'ours')).toBe(upstream);
    },
    slow,
  );
});
