/**
 * A component among modules, end to end through the bundle: the action wizens it like a module,
 * says which kind each file is (the `modules` output and the summary), caches it, and the output
 * behaves without init as the input does after init.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComponentGlue } from '../../src/component/glue.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { repoRoot, tempDir } from '../helpers/tools.js';
import { instantiate, squaresModule, writeTree } from './fixtures.js';
import { installBundle, runAction, type ActionRun } from './harness.js';

let emulator: Emulator;
let bundle: ReturnType<typeof installBundle>;
const cleanups: Array<() => void> = [];
let sources: Record<string, Uint8Array>;
const prefix = `component-${Date.now()}-`;

beforeAll(async () => {
  emulator = await startEmulator();
  bundle = installBundle();
  const wat = readFileSync(join(repoRoot, 'fixtures/components/binary/multi.wat'), 'utf8');
  sources = { 'out/app.wasm': await parse(wat), 'out/squares.wasm': await squaresModule(16) };
});

afterAll(async () => {
  await emulator.close();
  bundle.cleanup();
  for (const cleanup of cleanups) cleanup();
});

function wizen(workspace: string): Promise<ActionRun> {
  emulator.newRun();
  return runAction({
    entry: bundle.entry,
    workspace,
    emulator,
    inputs: { files: 'out/*.wasm', 'cache-key-prefix': prefix },
  });
}

function checkout(): string {
  const dir = tempDir('wizer-ws-');
  cleanups.push(dir.cleanup);
  writeTree(dir.path, sources);
  return dir.path;
}

/** The fixture's two probes, on a component instance (init called first when asked). */
async function probe(component: Uint8Array, callInit: boolean): Promise<number[]> {
  const glue = await loadComponentGlue(component);
  const { exports } = await glue.instantiate(
    (file) =>
      WebAssembly.compile(
        glue.coreModules.find((m) => m.file === file)!.bytes as Uint8Array<ArrayBuffer>,
      ),
    {},
  );
  const call = (name: string) => (exports[name] as () => number)();
  if (callInit) call('wizerInitialize');
  return [call('getA'), call('getB')];
}

describe('a component in the matched files', () => {
  it('is wizened, reported as a component, cached, and behaves as the input after init', async () => {
    const first = await wizen(checkout());
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const modules = JSON.parse(first.outputs['modules']!) as Array<Record<string, unknown>>;
    expect(modules.map((m) => [m.input, m.kind, m.cacheHit])).toEqual([
      ['out/app.wasm', 'component', false],
      ['out/squares.wasm', 'module', false],
    ]);
    expect(first.summary).toContain('<code>out/app.wasm</code> (component)');

    const workspace = checkout();
    const second = await wizen(workspace);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs['cache-hit']).toBe('true');

    const output = new Uint8Array(readFileSync(join(workspace, 'out/app.wizer.wasm')));
    expect(await probe(output, false)).toEqual(await probe(sources['out/app.wasm']!, true));
    const glue = await loadComponentGlue(output);
    expect(glue.exports.map((e) => e.name)).not.toContain('wizerInitialize');
    const squares = readFileSync(join(workspace, 'out/squares.wizer.wasm'));
    expect((instantiate(squares)['square'] as (i: number) => number)(9)).toBe(81);
  });
});
