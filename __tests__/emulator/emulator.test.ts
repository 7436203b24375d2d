/**
 * Drives the real @actions/cache and @actions/artifact clients in-process against the emulator,
 * so the emulator is checked against the code it stands in for, not against itself.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cache from '@actions/cache';
import { DefaultArtifactClient } from '@actions/artifact';
import { startEmulator, type Emulator } from './index.js';
import { tempDir } from '../helpers/tools.js';

let emulator: Emulator;
let root: { path: string; cleanup: () => void };
let workspace: string;
const savedEnv = { ...process.env };
const savedCwd = process.cwd();

beforeAll(async () => {
  emulator = await startEmulator();
  root = tempDir('wizer-emulator-');
});

afterAll(async () => {
  await emulator.close();
  root.cleanup();
});

beforeEach(() => {
  workspace = join(root.path, `ws-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(workspace, 'out'), { recursive: true });
  mkdirSync(join(root.path, 'temp'), { recursive: true });
  for (const name of Object.keys(process.env)) {
    if (/^(ACTIONS_|GITHUB_|RUNNER_)|_proxy$/i.test(name)) delete process.env[name];
  }
  Object.assign(process.env, emulator.env, {
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(root.path, 'temp'),
    NO_PROXY: '127.0.0.1',
  });
  process.chdir(workspace);
});

afterEach(() => {
  process.chdir(savedCwd);
  process.env = { ...savedEnv };
  emulator.faults.clear();
  emulator.cache.setReadOnly(false);
  emulator.cache.setReadDenied(false);
});

function writeOut(name: string, text: string): void {
  writeFileSync(join(workspace, 'out', name), text);
}

describe('cache service', () => {
  it('misses, saves, then hits exactly and by restore-key prefix', async () => {
    writeOut('a.txt', 'hello');
    expect(await cache.restoreCache(['out'], 'k-miss-1')).toBeUndefined();
    expect(await cache.saveCache(['out'], 'k-miss-1')).toBeGreaterThan(0);
    rmSync(join(workspace, 'out'), { recursive: true });

    expect(await cache.restoreCache(['out'], 'k-miss-1')).toBe('k-miss-1');
    expect(readFileSync(join(workspace, 'out', 'a.txt'), 'utf8')).toBe('hello');
    expect(await cache.restoreCache(['out'], 'k-other', ['k-miss-'])).toBe('k-miss-1');
    // The version hashes the path list: a different list does not see the entry.
    expect(await cache.restoreCache(['out', 'elsewhere'], 'k-miss-1')).toBeUndefined();
    expect(emulator.cache.entries().map((e) => e.key)).toContain('k-miss-1');
  });

  it('prefers the newest entry among prefix matches', async () => {
    writeOut('v.txt', 'one');
    await cache.saveCache(['out'], 'newest-1');
    writeOut('v.txt', 'two');
    await cache.saveCache(['out'], 'newest-2');
    expect(await cache.restoreCache(['out'], 'newest-')).toBe('newest-2');
    expect(readFileSync(join(workspace, 'out', 'v.txt'), 'utf8')).toBe('two');
  });

  it('keeps entries immutable: a second save of a key is refused, not an exception', async () => {
    writeOut('b.txt', 'first');
    expect(await cache.saveCache(['out'], 'immutable-1')).toBeGreaterThan(0);
    writeOut('b.txt', 'second');
    expect(await cache.saveCache(['out'], 'immutable-1')).toBe(-1);
    expect(emulator.requests.some((r) => r.method === 'CreateCacheEntry' && r.status === 409)).toBe(
      true,
    );
  });

  it('denies writes for a read-only token and reads for a denied scope', async () => {
    writeOut('c.txt', 'x');
    emulator.cache.setReadOnly(true);
    expect(await cache.saveCache(['out'], 'readonly-1')).toBe(-1);
    expect(emulator.cache.entries().some((e) => e.key === 'readonly-1')).toBe(false);
    emulator.cache.setReadOnly(false);
    await cache.saveCache(['out'], 'readonly-1');
    emulator.cache.setReadDenied(true);
    expect(await cache.restoreCache(['out'], 'readonly-1')).toBeUndefined();
  });

  it('a service that drops connections gives a quick miss, not an error', async () => {
    emulator.faults.down('cache');
    const before = emulator.requests.length;
    expect(await cache.restoreCache(['out'], 'down-1')).toBeUndefined();
    writeOut('d.txt', 'x');
    expect(await cache.saveCache(['out'], 'down-1')).toBe(-1);
    // "Quick" is counted, not timed (a busy machine can take seconds either way): one dropped
    // request per call means the client did not retry, so it never slept in its backoff (3 s and
    // up between attempts).
    const dropped = emulator.requests.slice(before).filter((r) => r.status === 'reset');
    expect(dropped).toHaveLength(2);
  });

  it('injected faults apply the given number of times', async () => {
    emulator.faults.inject({
      service: 'cache',
      method: 'GetCacheEntryDownloadURL',
      action: 400,
      times: 1,
    });
    expect(await cache.restoreCache(['out'], 'fault-1')).toBeUndefined();
    const statuses = emulator.requests
      .filter((r) => r.method === 'GetCacheEntryDownloadURL')
      .map((r) => r.status);
    expect(statuses.at(-1)).toBe(400);
    await cache.restoreCache(['out'], 'fault-1');
    expect(
      emulator.requests.filter((r) => r.method === 'GetCacheEntryDownloadURL').at(-1)?.status,
    ).toBe(200);
  });

  it('serves a replaced archive so that corruption can be simulated', async () => {
    writeOut('e.txt', 'good');
    await cache.saveCache(['out'], 'tamper-1');
    emulator.cache.replaceArchive('tamper-1', Buffer.from('not an archive'));
    expect(await cache.restoreCache(['out'], 'tamper-1')).toBeUndefined();
  });
});

describe('artifact service', () => {
  const client = new DefaultArtifactClient();

  it('uploads a zip whose files, digest, size and retention are recorded', async () => {
    emulator.newRun();
    Object.assign(process.env, emulator.env);
    writeOut('one.wasm', 'first module');
    mkdirSync(join(workspace, 'out', 'nested'));
    writeFileSync(join(workspace, 'out', 'nested', 'two.wasm'), Buffer.alloc(50_000, 7));
    const files = [
      join(workspace, 'out', 'one.wasm'),
      join(workspace, 'out', 'nested', 'two.wasm'),
    ];
    const result = await client.uploadArtifact('mods', files, join(workspace, 'out'), {
      retentionDays: 3,
      compressionLevel: 9,
    });

    const [listed] = emulator.artifacts.list();
    expect(listed).toMatchObject({
      id: result.id,
      name: 'mods',
      size: result.size,
      digest: result.digest,
    });
    expect(listed!.digest).toBe(
      createHash('sha256').update(emulator.artifacts.bytes('mods')).digest('hex'),
    );
    expect(Date.parse(listed!.expiresAt!) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    const unzipped = emulator.artifacts.files('mods');
    expect([...unzipped.keys()].sort()).toEqual(['nested/two.wasm', 'one.wasm']);
    expect(unzipped.get('one.wasm')!.toString()).toBe('first module');
    const big = emulator.artifacts.zipEntries('mods').find((e) => e.path === 'nested/two.wasm')!;
    expect(big.method).toBe(8);
    expect(big.compressedSize).toBeLessThan(1000);
  });

  it('rejects a duplicate name in a run, and deleting allows a re-upload', async () => {
    emulator.newRun();
    Object.assign(process.env, emulator.env);
    writeOut('x.wasm', 'x');
    const file = [join(workspace, 'out', 'x.wasm')];
    await client.uploadArtifact('dup', file, join(workspace, 'out'));
    await expect(client.uploadArtifact('dup', file, join(workspace, 'out'))).rejects.toThrow(
      /409|already exists/i,
    );
    await client.deleteArtifact('dup');
    expect(emulator.artifacts.list()).toHaveLength(0);
    await client.uploadArtifact('dup', file, join(workspace, 'out'));
    expect(emulator.artifacts.list().map((a) => a.name)).toEqual(['dup']);
  });

  it('starts each run with an empty artifact namespace', async () => {
    emulator.newRun();
    Object.assign(process.env, emulator.env);
    writeOut('y.wasm', 'y');
    await client.uploadArtifact(
      'per-run',
      [join(workspace, 'out', 'y.wasm')],
      join(workspace, 'out'),
    );
    emulator.newRun();
    expect(emulator.artifacts.list()).toHaveLength(0);
  });
});
