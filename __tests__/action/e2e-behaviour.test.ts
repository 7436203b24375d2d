/**
 * End to end, through the bundle: failures of one module or of the upload, no matching files,
 * output modes, sharding, timeouts, and the code's own defaults when action.yml's are absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wat, tempDir } from '../helpers/tools.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import {
  announcingModule,
  instantiate,
  squaresModule,
  trappingModule,
  writeTree,
} from './fixtures.js';
import { annotations, installBundle, runAction, type ActionRun } from './harness.js';

let emulator: Emulator;
let bundle: ReturnType<typeof installBundle>;
const cleanups: Array<() => void> = [];
let squares: Uint8Array;

beforeAll(async () => {
  emulator = await startEmulator();
  bundle = installBundle();
  squares = await squaresModule(64);
});

afterAll(async () => {
  await emulator.close();
  bundle.cleanup();
  for (const cleanup of cleanups) cleanup();
});

function checkout(files: Record<string, Uint8Array | string>): string {
  const dir = tempDir('wizer-ws-');
  cleanups.push(dir.cleanup);
  writeTree(dir.path, files);
  return dir.path;
}

function wizen(
  workspace: string,
  inputs: Record<string, string>,
  extra: { env?: Record<string, string>; applyDefaults?: boolean } = {},
) {
  return runAction({
    entry: bundle.entry,
    workspace,
    emulator,
    inputs: { cache: 'false', ...inputs },
    ...extra,
  });
}

const log = (run: ActionRun) => run.stdout + run.stderr;
const modulesOutput = (run: ActionRun) =>
  JSON.parse(run.outputs['modules'] ?? 'null') as Array<Record<string, unknown>>;

describe('one failing module does not hide the others', () => {
  it('reports the trap on the right file, still writes and uploads the good ones, then fails', async () => {
    emulator.newRun();
    const workspace = checkout({
      'm/a.wasm': squares,
      'm/b-trap.wasm': await trappingModule(),
      'm/c.wasm': squares,
    });
    const run = await wizen(workspace, { files: 'm/*.wasm' });
    expect(run.code).toBe(1);
    const errors = annotations(run, 'error');
    const trap = errors.find((e) => e.properties['file'] === 'm/b-trap.wasm');
    expect(trap?.message).toMatch(/trap|unreachable/i);
    expect(trap?.properties['title']).toContain('m/b-trap.wasm');
    expect(errors.at(-1)?.message).toContain('1 of 3 modules failed: m/b-trap.wasm');
    expect(existsSync(join(workspace, 'm/a.wizer.wasm'))).toBe(true);
    expect(existsSync(join(workspace, 'm/c.wizer.wasm'))).toBe(true);
    expect(existsSync(join(workspace, 'm/b-trap.wizer.wasm'))).toBe(false);
    expect([...emulator.artifacts.files('wizened-build-0').keys()].sort()).toEqual([
      'm/a.wizer.wasm',
      'm/c.wizer.wasm',
    ]);
    const modules = modulesOutput(run);
    expect(modules.map((m) => [m['input'], m['output'] !== null, m['error'] === null])).toEqual([
      ['m/a.wasm', true, true],
      ['m/b-trap.wasm', false, false],
      ['m/c.wasm', true, true],
    ]);
    expect(run.summary).toContain('Failures');
    expect(run.summary).toContain('<code>m/b-trap.wasm</code>');
  });

  it('a module that is not Wasm at all fails alone with a validation error', async () => {
    emulator.newRun();
    const workspace = checkout({ 'm/ok.wasm': squares, 'm/junk.wasm': 'definitely not wasm' });
    const run = await wizen(workspace, { files: 'm/*.wasm', upload: 'false' });
    expect(run.code).toBe(1);
    expect(
      annotations(run, 'error').find((e) => e.properties['file'] === 'm/junk.wasm')?.message,
    ).toMatch(/validation|magic/i);
    expect(existsSync(join(workspace, 'm/ok.wizer.wasm'))).toBe(true);
  });

  it('a module whose never-called function is invalid fails validation (the action compiles lazily validated)', async () => {
    emulator.newRun();
    // wizer-initialize, and a function of type [] -> [i32] whose body is `i32.add`: nothing on
    // the stack. Only a full validation finds it; the function is never called.
    const name = [...new TextEncoder().encode('wizer-initialize')];
    const invalidBody = Uint8Array.of(
      ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      ...[0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f],
      ...[0x03, 0x03, 0x02, 0x00, 0x01],
      ...[0x07, 0x14, 0x01, 0x10, ...name, 0x00, 0x00],
      ...[0x0a, 0x08, 0x02, 0x02, 0x00, 0x0b, 0x03, 0x00, 0x6a, 0x0b],
    );
    const workspace = checkout({ 'm/ok.wasm': squares, 'm/bad-body.wasm': invalidBody });
    const run = await wizen(workspace, { files: 'm/*.wasm', upload: 'false' });
    expect(run.code).toBe(1);
    expect(
      annotations(run, 'error').find((e) => e.properties['file'] === 'm/bad-body.wasm')?.message,
    ).toMatch(/wasm validation failed[\s\S]*Compiling function #1 failed/);
    expect(existsSync(join(workspace, 'm/bad-body.wizer.wasm'))).toBe(false);
    expect(existsSync(join(workspace, 'm/ok.wizer.wasm'))).toBe(true);
  });
});

describe('no matching files', () => {
  it.each([
    ['error', 1, 'error'],
    ['warn', 0, 'warning'],
    ['ignore', 0, undefined],
  ] as const)('if-no-files-found: %s', async (mode, code, annotation) => {
    const run = await wizen(checkout({ 'other.txt': 'x' }), {
      files: 'mods/**/*.wasm',
      'if-no-files-found': mode,
    });
    expect(run.code, log(run)).toBe(code);
    const found = run.commands
      .filter((c) => /No files were found/.test(c.message))
      .map((c) => c.command);
    expect(found).toEqual(annotation ? [annotation] : []);
    expect(run.outputs['modules']).toBe('[]');
    expect(run.outputs['cache-hit']).toBe('false');
  });
});

describe('artifacts', () => {
  it('a name conflict in the same run fails with advice; overwrite replaces the artifact', async () => {
    emulator.newRun();
    const workspace = checkout({ 'm/a.wasm': squares });
    const first = await wizen(workspace, { files: 'm/*.wasm', 'artifact-name': 'same-name' });
    expect(first.code, log(first)).toBe(0);
    const second = await wizen(workspace, { files: 'm/*.wasm', 'artifact-name': 'same-name' });
    expect(second.code).toBe(1);
    expect(
      annotations(second, 'error').some((e) => /already exists.*overwrite: true/s.test(e.message)),
    ).toBe(true);
    expect(existsSync(join(workspace, 'm/a.wizer.wasm'))).toBe(true);
    expect(second.outputs['artifact-id']).toBe('');
    expect(modulesOutput(second)).toHaveLength(1);

    const third = await wizen(workspace, {
      files: 'm/*.wasm',
      'artifact-name': 'same-name',
      overwrite: 'true',
    });
    expect(third.code, log(third)).toBe(0);
    const listed = emulator.artifacts.list();
    expect(listed).toHaveLength(1);
    expect(String(listed[0]!.id)).toBe(third.outputs['artifact-id']);
  });

  it('honours retention-days and compression-level 0', async () => {
    emulator.newRun();
    const run = await wizen(checkout({ 'm/a.wasm': squares }), {
      files: 'm/*.wasm',
      'artifact-name': 'stored',
      'retention-days': '2',
      'compression-level': '0',
    });
    expect(run.code, log(run)).toBe(0);
    const [artifact] = emulator.artifacts.list();
    expect(Date.parse(artifact!.expiresAt!) - Date.now()).toBeGreaterThan(1.9 * 86_400_000);
    expect(emulator.artifacts.zipEntries('stored').map((e) => e.method)).toEqual([0]);
  });
});

describe('output modes and sharding', () => {
  it('output-dir mirrors workspace paths; in-place replaces inputs', async () => {
    const workspace = checkout({ 'src/a.wasm': squares, 'src/deep/b.wasm': squares });
    const run = await wizen(workspace, {
      files: 'src/**/*.wasm',
      'output-dir': 'out',
      upload: 'false',
    });
    expect(run.code, log(run)).toBe(0);
    expect(modulesOutput(run).map((m) => m['output'])).toEqual([
      'out/src/a.wasm',
      'out/src/deep/b.wasm',
    ]);
    expect(
      (
        instantiate(readFileSync(join(workspace, 'out/src/deep/b.wasm')))['ready'] as () => number
      )(),
    ).toBe(1);

    const inPlace = await wizen(workspace, {
      files: 'src/**/*.wasm',
      'in-place': 'true',
      upload: 'false',
    });
    expect(inPlace.code, log(inPlace)).toBe(0);
    expect(
      readFileSync(join(workspace, 'src/a.wasm')).equals(
        readFileSync(join(workspace, 'out/src/a.wasm')),
      ),
    ).toBe(true);
  });

  it('skips its own earlier outputs and says so', async () => {
    const workspace = checkout({ 'm/a.wasm': squares });
    expect((await wizen(workspace, { files: '**/*.wasm', upload: 'false' })).code).toBe(0);
    const again = await wizen(workspace, { files: '**/*.wasm', upload: 'false' });
    expect(again.code, log(again)).toBe(0);
    expect(again.stdout).toContain('m/a.wizer.wasm (an output of this action');
    expect(modulesOutput(again).map((m) => m['input'])).toEqual(['m/a.wasm']);
  });

  it('shards split the files: every file in exactly one of 3 legs', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [`m/f${i}.wasm`, squares]),
    );
    const workspace = checkout(files);
    const legs: string[][] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const run = await wizen(workspace, { files: 'm/f*.wasm', shard, upload: 'false' });
      expect(run.code, log(run)).toBe(0);
      legs.push(modulesOutput(run).map((m) => m['input'] as string));
    }
    expect(legs.flat().sort()).toEqual(Object.keys(files).sort());
    expect(legs.map((l) => l.length).sort()).toEqual([2, 2, 3]);
  });
});

describe('engine options', () => {
  it('timeout stops a module that never finishes, and only that one', async () => {
    const spin = await wat(`(module (func (export "wizer-initialize") (loop $l (br $l))))`);
    const workspace = checkout({ 'm/spin.wasm': spin, 'm/ok.wasm': squares });
    // The timeout also covers starting the worker and compiling, so the module that does finish
    // gets seconds of room: 1 s was too tight for a busy machine with the other module spinning.
    const run = await wizen(workspace, { files: 'm/*.wasm', timeout: '5', upload: 'false' });
    expect(run.code).toBe(1);
    expect(
      annotations(run, 'error').find((e) => e.properties['file'] === 'm/spin.wasm')?.message,
    ).toMatch(/timeout/i);
    expect(existsSync(join(workspace, 'm/ok.wizer.wasm'))).toBe(true);
  });

  it.each([
    ['in the action process', ''],
    ['in a bounded run (worker thread)', '30'],
  ])('guest output cannot issue workflow commands %s', async (_where, timeout) => {
    const workspace = checkout({
      'm/evil.wasm': await announcingModule('::error title=injected::from the guest', 1),
    });
    const run = await wizen(workspace, {
      files: 'm/*.wasm',
      'allow-wasi': 'true',
      upload: 'false',
      timeout,
    });
    expect(run.code, log(run)).toBe(0);
    expect(run.stdout).toContain('from the guest');
    expect(annotations(run, 'error')).toEqual([]);
  });

  it('bad inputs fail before any work with the input named', async () => {
    const workspace = checkout({ 'm/a.wasm': squares });
    const run = await wizen(workspace, { files: 'm/*.wasm', 'compression-level': '11' });
    expect(run.code).toBe(1);
    expect(annotations(run, 'error')[0]?.message).toContain(
      'Input `compression-level` must be an integer from 0 to 9',
    );
    expect(existsSync(join(workspace, 'm/a.wizer.wasm'))).toBe(false);
  });
});

/** Init stores the realtime clock and 16 random bytes: a different output on every plain run. */
const CLOCK_AND_RANDOM = `(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "wizer-initialize")
    (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 0)))
    (drop (call $random (i32.const 8) (i32.const 16))))
  (func (export "realtime") (result i64) (i64.load (i32.const 0))))`;

describe('deterministic input', () => {
  it('gives the same bytes on every run, the clock from SOURCE_DATE_EPOCH; its sha256 in outputs and summary', async () => {
    const module = await wat(CLOCK_AND_RANDOM);
    const runs: ActionRun[] = [];
    for (const deterministic of ['true', 'true', 'false', 'false']) {
      const run = await wizen(
        checkout({ 'm/a.wasm': module }),
        { files: 'm/*.wasm', 'allow-wasi': 'true', deterministic, upload: 'false' },
        { env: { SOURCE_DATE_EPOCH: '1700000000' } },
      );
      expect(run.code, log(run)).toBe(0);
      runs.push(run);
    }
    const digests = runs.map((run) => modulesOutput(run)[0]!['sha256'] as string);
    expect(digests[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(digests[1]).toBe(digests[0]);
    expect(digests[2]).not.toBe(digests[0]);
    expect(digests[3]).not.toBe(digests[2]); // the host's clock and random bytes
    expect(runs[0]!.summary).toContain(`${digests[0]}  m/a.wizer.wasm`);
  });

  it('reads the realtime clock as SOURCE_DATE_EPOCH in the mode', async () => {
    const workspace = checkout({ 'm/a.wasm': await wat(CLOCK_AND_RANDOM) });
    const run = await wizen(
      workspace,
      { files: 'm/*.wasm', 'allow-wasi': 'true', deterministic: 'true', upload: 'false' },
      { env: { SOURCE_DATE_EPOCH: '1700000000' } },
    );
    expect(run.code, log(run)).toBe(0);
    const output = instantiate(readFileSync(join(workspace, 'm/a.wizer.wasm')));
    expect((output['realtime'] as () => bigint)()).toBe(1_700_000_000_000_000_000n);
  });
});

describe('defaults without the runner', () => {
  it('a direct run with only `files` uses the code defaults (init func, upload, artifact name)', async () => {
    emulator.newRun();
    const run = await runAction({
      entry: bundle.entry,
      workspace: checkout({ 'a.wasm': squares }),
      emulator,
      applyDefaults: false,
      inputs: { files: '*.wasm' },
    });
    expect(run.code, log(run)).toBe(0);
    expect(emulator.artifacts.list().map((a) => a.name)).toEqual(['wizened-build-linux-x64']);
  });
});
