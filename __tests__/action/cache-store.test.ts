/**
 * ModuleCache around a fake @actions/cache that stores directories in memory: staging, lookups,
 * corruption and repair keys, cache modes, failures as warnings, bounded concurrency.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { KEY_SCHEMA, sha256Hex } from '../../src/cache/key.js';
import type { EntryManifest } from '../../src/cache/entry.js';
import { ModuleCache, entryDir, type CacheClient } from '../../src/cache/store.js';
import { tempDir } from '../helpers/tools.js';

const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

function manifest(key: string, bytes: Uint8Array = wasm): EntryManifest {
  return {
    schema: KEY_SCHEMA,
    key,
    name: 'm.wasm',
    tool: 't',
    inputSha256: 'i',
    outputSha256: sha256Hex(bytes),
    outputBytes: bytes.length,
    report: {
      inputBytes: 1,
      outputBytes: bytes.length,
      timings: {
        parse: 0,
        instrument: 0,
        compile: 0,
        initialize: 1,
        snapshot: 0,
        rewrite: 0,
        total: 1,
      },
      memories: [],
      globals: 0,
      segments: 0,
    },
    createdAt: 'now',
  };
}

/** Stores each saved path as a copied directory; lookups match exactly, then by newest prefix. */
class FakeCache implements CacheClient {
  readonly stored: Array<{ key: string; paths: string[]; dir: string }> = [];
  readonly calls: string[] = [];
  available = true;
  active = 0;
  maxActive = 0;
  /**
   * When set, each operation waits until this many run at once (or 1 s passes, for the tail
   * of a batch), so reaching the limit does not depend on how fast the file work between
   * operations happens to be.
   */
  gate = 0;
  private waiting: Array<() => void> = [];
  cwdSeen = new Set<string>();
  /** The enableCrossOsArchive argument of every call. */
  crossOs: Array<boolean | undefined> = [];
  constructor(private readonly storage: string) {}

  isFeatureAvailable(): boolean {
    return this.available;
  }

  async restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[] = [],
    _options?: unknown,
    enableCrossOsArchive?: boolean,
  ): Promise<string | undefined> {
    this.calls.push(`restore ${primaryKey}`);
    this.crossOs.push(enableCrossOsArchive);
    return this.track(async () => {
      for (const key of [primaryKey, ...restoreKeys]) {
        const candidates = this.stored.filter((e) => e.paths.join() === paths.join());
        const match =
          candidates.find((e) => e.key === key) ??
          candidates.filter((e) => e.key.startsWith(key)).at(-1);
        if (match) {
          cpSync(match.dir, join(process.env['GITHUB_WORKSPACE']!, paths[0]!), { recursive: true });
          return match.key;
        }
      }
      return undefined;
    });
  }

  async saveCache(
    paths: string[],
    key: string,
    _options?: unknown,
    enableCrossOsArchive?: boolean,
  ): Promise<number> {
    this.calls.push(`save ${key}`);
    this.crossOs.push(enableCrossOsArchive);
    return this.track(async () => {
      if (this.stored.some((e) => e.key === key)) return -1;
      const dir = join(this.storage, String(this.stored.length));
      cpSync(join(process.cwd(), paths[0]!), dir, { recursive: true });
      this.stored.push({ key, paths, dir });
      return this.stored.length;
    });
  }

  /** Puts an entry in storage directly, as an earlier run would have. */
  seed(key: string, files: { manifest: EntryManifest | string; wasm: Uint8Array }): void {
    const dir = join(this.storage, `seed-${this.stored.length}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      typeof files.manifest === 'string' ? files.manifest : JSON.stringify(files.manifest),
    );
    writeFileSync(join(dir, 'module.wasm'), files.wasm);
    this.stored.push({ key, paths: [entryDir(key)], dir });
  }

  private async track<T>(body: () => Promise<T>): Promise<T> {
    this.cwdSeen.add(realpathSync(process.cwd()));
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    if (this.gate > 0 && this.active >= this.gate) {
      for (const release of this.waiting.splice(0)) release();
    } else if (this.gate > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    try {
      return await body();
    } finally {
      this.active--;
    }
  }
}

let dir: ReturnType<typeof tempDir>;
let fake: FakeCache;
let logs: string[];
let cache: ModuleCache;
const staging = () => join(dir.path, 'staging');

beforeEach(() => {
  dir = tempDir('wizer-store-');
  mkdirSync(join(dir.path, 'storage'));
  fake = new FakeCache(join(dir.path, 'storage'));
  logs = [];
  const log = (level: string) => (message: string) => void logs.push(`${level}: ${message}`);
  cache = new ModuleCache(
    staging(),
    { info: log('info'), warning: log('warning'), debug: log('debug') },
    fake,
    3,
  );
  process.env['GITHUB_WORKSPACE'] = '/original/workspace';
  process.env['GITHUB_RUN_ID'] = '77';
  process.env['GITHUB_RUN_ATTEMPT'] = '2';
});

afterEach(() => {
  dir.cleanup();
  delete process.env['ACTIONS_CACHE_MODE'];
  delete process.env['GITHUB_RUN_ID'];
  delete process.env['GITHUB_RUN_ATTEMPT'];
});

/** A module preamble followed by a section id that does not exist. */
const INVALID_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x7f, 0]);
describe('ModuleCache', () => {
  it('saves and restores through a staging workspace, restoring cwd and GITHUB_WORKSPACE', async () => {
    const cwd = process.cwd();
    expect(await cache.save([{ key: 'k1', wasm, manifest: manifest('k1'), repair: false }])).toBe(
      1,
    );
    expect(fake.stored[0]!.paths).toEqual([entryDir('k1')]);
    const { hits, corrupt } = await cache.restore(['k1', 'k2']);
    expect([...hits.keys()]).toEqual(['k1']);
    expect(Buffer.from(hits.get('k1')!.wasm).equals(Buffer.from(wasm))).toBe(true);
    expect(hits.get('k1')!.matchedKey).toBe('k1');
    expect(corrupt.size).toBe(0);
    expect([...fake.cwdSeen]).toEqual([realpathSync(staging())]);
    expect(process.cwd()).toBe(cwd);
    expect(process.env['GITHUB_WORKSPACE']).toBe('/original/workspace');
    expect(readdirSync(staging())).toEqual([]);
    await cache.dispose();
    expect(existsSync(staging())).toBe(false);
  });

  it('archives one separator-free relative directory holding only the module and manifest, shared across OSes', async () => {
    // The toolkit hashes the literal paths into the entry's version and, with
    // enableCrossOsArchive, leaves the OS out of it: a Windows runner and a Linux runner then
    // see each other's entries, which is right because the wizened module does not depend on
    // the OS and the archive's layout is the same everywhere.
    await cache.save([{ key: 'k1', wasm, manifest: manifest('k1'), repair: true }]);
    await cache.restore(['k1']);
    expect(fake.crossOs).toEqual([true, true]);
    const [saved] = fake.stored;
    expect(saved!.paths).toHaveLength(1);
    expect(saved!.paths[0]).toMatch(/^[\w-]+$/);
    expect(readdirSync(saved!.dir).sort()).toEqual(['manifest.json', 'module.wasm']);
  });

  it('uses the same staged path for every key of a module, repaired or not', () => {
    expect(entryDir('abc~repaired-1-1')).toBe(entryDir('abc'));
    expect(entryDir('abc')).not.toBe(entryDir('abd'));
    expect(entryDir('abc')).toMatch(/^wizer-[0-9a-f]{32}$/);
  });

  it.each<[string, { manifest: EntryManifest | string; wasm: Uint8Array }, RegExp]>([
    [
      'a bad digest',
      { manifest: manifest('k'), wasm: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 1]) },
      /sha256 does not match/,
    ],
    [
      'a wrong size',
      { manifest: manifest('k'), wasm: new Uint8Array([1]) },
      /has 1 bytes, manifest says 8/,
    ],
    ['an unparsable manifest', { manifest: '{', wasm }, /unreadable manifest/],
    [
      'a manifest for another key',
      { manifest: manifest('other'), wasm },
      /manifest is for key other/,
    ],
    [
      'bytes that are not WebAssembly',
      { manifest: manifest('k', new Uint8Array([1, 2])), wasm: new Uint8Array([1, 2]) },
      /not a WebAssembly binary/,
    ],
    [
      'an invalid module',
      { manifest: manifest('k', INVALID_MODULE), wasm: INVALID_MODULE },
      /does not validate/,
    ],
  ])('detects %s as corruption and asks for a repair', async (_name, files, reason) => {
    fake.seed('k', files);
    const { hits, corrupt } = await cache.restore(['k']);
    expect(hits.size).toBe(0);
    expect([...corrupt]).toEqual(['k']);
    expect(logs.find((l) => l.startsWith('warning: Cache entry k is corrupt'))).toMatch(reason);
    expect(fake.calls).toEqual(['restore k', 'restore k~repaired']);

    await cache.save([{ key: 'k', wasm, manifest: manifest('k'), repair: true }]);
    expect(fake.stored.at(-1)!.key).toBe('k~repaired-77-2');
    const again = await cache.restore(['k']);
    expect(again.hits.get('k')!.matchedKey).toBe('k~repaired-77-2');
  });

  it('a repaired entry found by the primary lookup is accepted', async () => {
    fake.seed('k~repaired-1-1', { manifest: manifest('k'), wasm });
    expect((await cache.restore(['k'])).hits.get('k')?.matchedKey).toBe('k~repaired-1-1');
  });

  it('honours ACTIONS_CACHE_MODE with one info line', () => {
    process.env['ACTIONS_CACHE_MODE'] = 'read';
    expect(cache.canRestore()).toBe(true);
    expect(cache.canSave()).toBe(false);
    process.env['ACTIONS_CACHE_MODE'] = 'Write-Only';
    expect(cache.canRestore()).toBe(false);
    expect(cache.canSave()).toBe(true);
    process.env['ACTIONS_CACHE_MODE'] = 'none';
    expect(cache.canRestore() || cache.canSave()).toBe(false);
    process.env['ACTIONS_CACHE_MODE'] = 'surprise';
    expect(cache.canRestore() && cache.canSave()).toBe(true);
    expect(logs.filter((l) => l.startsWith('info:'))).toHaveLength(4);
  });

  it('warns when the service is not available', () => {
    fake.available = false;
    expect(cache.canRestore()).toBe(false);
    expect(logs).toEqual([
      'warning: Cache restore skipped: the cache service is not available to this step',
    ]);
  });

  it('turns client exceptions into warnings and misses', async () => {
    fake.restoreCache = async () => Promise.reject(new Error('Key Validation Error: too long'));
    fake.saveCache = async () => Promise.reject(new Error('Path Validation Error'));
    expect((await cache.restore(['k'])).hits.size).toBe(0);
    expect(await cache.save([{ key: 'k', wasm, manifest: manifest('k'), repair: false }])).toBe(0);
    expect(logs).toEqual([
      'warning: Cache restore failed for k: Key Validation Error: too long',
      'warning: Cache save failed for k: Path Validation Error',
    ]);
    expect(existsSync(join(staging(), entryDir('k')))).toBe(false);
  });

  it('runs at most `concurrency` operations at once and deduplicates keys', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `key${i}`);
    fake.gate = 3;
    await cache.save(keys.map((key) => ({ key, wasm, manifest: manifest(key), repair: false })));
    const { hits } = await cache.restore([...keys, ...keys]);
    expect(hits.size).toBe(10);
    expect(fake.maxActive).toBe(3);
    expect(fake.calls.filter((c) => c.startsWith('restore'))).toHaveLength(10);
    const stored = fake.stored.find((e) => e.key === 'key0')!;
    expect(JSON.parse(readFileSync(join(stored.dir, 'manifest.json'), 'utf8')).key).toBe('key0');
  });
});
