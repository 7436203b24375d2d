/**
 * Restores and saves wizened modules with @actions/cache, one entry per module so that a change
 * to one module never invalidates the others. Caching is best-effort: every failure (service
 * down, read-only token, `ACTIONS_CACHE_MODE`, a corrupt entry) is logged and the run goes on.
 *
 * Entries are staged under a private directory that stands in for the workspace while the
 * toolkit runs: the toolkit hashes the literal `paths` into the entry's version and archives
 * them relative to `GITHUB_WORKSPACE`, so a fixed relative path gives the same version on every
 * runner and OS (with `enableCrossOsArchive`), wherever its workspace or temp directory lives.
 * Sharing across OSes is deliberate: an entry is one directory named `wizer-<hex>` (no separator
 * to differ) holding module.wasm and manifest.json, and a wizened module is the same bytes
 * whichever OS made it. A runner whose toolkit picks another compression (no zstd) computes
 * another version and simply misses.
 *
 * Entries are immutable on the service, so a corrupt one cannot be replaced: the rebuilt module
 * is saved under `<key>~repaired-<run>` and a corrupt hit is followed by a lookup of that prefix.
 */
import * as actionsCache from '@actions/cache';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readEntry, writeEntry, type EntryManifest, type ValidEntry } from './entry.js';
import { sha256Hex } from './key.js';

/** The part of @actions/cache used here (injectable for unit tests). */
export interface CacheClient {
  isFeatureAvailable(): boolean;
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[],
    options?: actionsCache.DownloadOptions,
    enableCrossOsArchive?: boolean,
  ): Promise<string | undefined>;
  saveCache(
    paths: string[],
    key: string,
    options?: actionsCache.UploadOptions,
    enableCrossOsArchive?: boolean,
  ): Promise<number>;
}

export interface CacheLog {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export interface RestoredModule extends ValidEntry {
  /** The key of the entry actually used (the base key, or a repaired one). */
  matchedKey: string;
}

export interface RestoreResult {
  hits: Map<string, RestoredModule>;
  /** Keys whose entry was corrupt with no usable repair: save the rebuild as a repair. */
  corrupt: Set<string>;
}

export interface EntryToSave {
  key: string;
  wasm: Uint8Array;
  manifest: EntryManifest;
  /** Save under a repair key because the base entry is corrupt. */
  repair: boolean;
}

const REPAIR_MARK = '~repaired';
const KNOWN_MODES = ['none', 'read', 'write', 'write-only'];

/** Bounded parallelism: each entry costs a service call, a download and a tar process. */
export const DEFAULT_CONCURRENCY = 4;

export class ModuleCache {
  constructor(
    private readonly root: string,
    private readonly log: CacheLog,
    private readonly client: CacheClient = actionsCache,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  /** Whether lookups can happen at all; logs why not, once. */
  canRestore(): boolean {
    return this.usable('restore', ['none', 'write-only']);
  }

  canSave(): boolean {
    return this.usable('save', ['none', 'read']);
  }

  async restore(keys: readonly string[]): Promise<RestoreResult> {
    const result: RestoreResult = { hits: new Map(), corrupt: new Set() };
    await this.inStagingWorkspace(() =>
      forEachLimited([...new Set(keys)], this.concurrency, async (key) => {
        try {
          const restored = await this.restoreOne(key);
          if (restored === 'corrupt') result.corrupt.add(key);
          else if (restored) result.hits.set(key, restored);
        } catch (error) {
          this.log.warning(`Cache restore failed for ${key}: ${message(error)}`);
        }
      }),
    );
    return result;
  }

  /** Saves entries; returns how many the service accepted. */
  async save(entries: readonly EntryToSave[]): Promise<number> {
    let saved = 0;
    await this.inStagingWorkspace(() =>
      forEachLimited(entries, this.concurrency, async (entry) => {
        const dir = entryDir(entry.key);
        const key = entry.repair ? `${entry.key}${REPAIR_MARK}-${runStamp()}` : entry.key;
        try {
          await writeEntry(join(this.root, dir), entry.wasm, entry.manifest);
          const id = await this.client.saveCache([dir], key, undefined, true);
          if (id > 0) saved++;
          else
            this.log.debug(
              `Cache entry ${key} was not saved (already present, or writes not allowed)`,
            );
        } catch (error) {
          this.log.warning(`Cache save failed for ${key}: ${message(error)}`);
        } finally {
          await rm(join(this.root, dir), { recursive: true, force: true });
        }
      }),
    );
    return saved;
  }

  /** Removes the staging directory. */
  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private async restoreOne(key: string): Promise<RestoredModule | 'corrupt' | undefined> {
    const dir = entryDir(key);
    const first = await this.lookup(dir, key, []);
    if (!first || 'hit' in first) return first?.hit;
    this.log.warning(
      `Cache entry ${first.matchedKey} is corrupt (${first.corrupt}); looking for a repaired entry`,
    );
    const repair = `${key}${REPAIR_MARK}`;
    const second = await this.lookup(dir, repair, [repair]);
    if (second && 'hit' in second) return second.hit;
    if (second)
      this.log.warning(
        `Repaired cache entry ${second.matchedKey} is corrupt too (${second.corrupt})`,
      );
    return 'corrupt';
  }

  private async lookup(
    dir: string,
    primaryKey: string,
    restoreKeys: string[],
  ): Promise<{ hit: RestoredModule } | { corrupt: string; matchedKey: string } | undefined> {
    const target = join(this.root, dir);
    await rm(target, { recursive: true, force: true });
    try {
      const matchedKey = await this.client.restoreCache(
        [dir],
        primaryKey,
        restoreKeys,
        undefined,
        true,
      );
      if (!matchedKey) return undefined;
      const baseKey = matchedKey.includes(REPAIR_MARK)
        ? matchedKey.slice(0, matchedKey.indexOf(REPAIR_MARK))
        : matchedKey;
      // A primary key also matches by prefix, so the base lookup may find a repaired entry;
      // either way the manifest names the base key.
      const entry = await readEntry(target, baseKey);
      return 'corrupt' in entry
        ? { corrupt: entry.corrupt, matchedKey }
        : { hit: { ...entry, matchedKey } };
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  }

  private usable(operation: 'restore' | 'save', forbiddenModes: string[]): boolean {
    const mode = (process.env['ACTIONS_CACHE_MODE'] ?? '').trim().toLowerCase();
    if (KNOWN_MODES.includes(mode) && forbiddenModes.includes(mode)) {
      this.log.info(`Cache ${operation} skipped: the workflow's cache-mode is '${mode}'`);
      return false;
    }
    if (!this.client.isFeatureAvailable()) {
      this.log.warning(
        `Cache ${operation} skipped: the cache service is not available to this step`,
      );
      return false;
    }
    return true;
  }

  /** Runs `body` with the staging directory as both cwd and GITHUB_WORKSPACE (see file comment). */
  private async inStagingWorkspace(body: () => Promise<void>): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const cwd = process.cwd();
    const workspace = process.env['GITHUB_WORKSPACE'];
    process.chdir(this.root);
    process.env['GITHUB_WORKSPACE'] = this.root;
    try {
      await body();
    } finally {
      process.chdir(cwd);
      if (workspace === undefined) delete process.env['GITHUB_WORKSPACE'];
      else process.env['GITHUB_WORKSPACE'] = workspace;
    }
  }
}

/** The staged directory of a key: fixed per key, so restore and save pass identical paths. */
export function entryDir(key: string): string {
  const base = key.includes(REPAIR_MARK) ? key.slice(0, key.indexOf(REPAIR_MARK)) : key;
  return `wizer-${sha256Hex(base).slice(0, 32)}`;
}

function runStamp(): string {
  const run = process.env['GITHUB_RUN_ID'];
  return run ? `${run}-${process.env['GITHUB_RUN_ATTEMPT'] ?? '1'}` : String(Date.now());
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  body: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await body(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
