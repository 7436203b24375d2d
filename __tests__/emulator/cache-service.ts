/**
 * The v2 cache service (`github.actions.results.api.v1.CacheService`) as @actions/cache 6 uses it:
 * reserve (CreateCacheEntry), upload to a signed blob URL, FinalizeCacheEntryUpload, and lookups
 * (GetCacheEntryDownloadURL) with the service's matching rules: for each key in order, an exact
 * key match first, then the newest entry whose key starts with it; only entries of the same
 * version (a hash of paths and compression) are visible. Entries are immutable.
 */
import { BlobStore } from './blob-store.js';
import { TwirpFault, requireInt64, requireString } from './http.js';

/** A cache entry as the emulator stores it. */
export interface CacheEntryRecord {
  id: number;
  key: string;
  version: string;
  blobPath: string;
  finalized: boolean;
  sizeBytes: number;
  /** Creation order; a larger number is newer. */
  sequence: number;
}

/** Switches that make the service behave like a restricted token would. */
export interface CachePolicy {
  /** CreateCacheEntry answers `ok:false` with a `cache write denied:` message, as for read-only tokens. */
  readOnly: boolean;
  /** Lookups answer 403 `cache read denied:`, as for tokens with no readable scope. */
  readDenied: boolean;
}

export class CacheService {
  readonly entries: CacheEntryRecord[] = [];
  readonly policy: CachePolicy = { readOnly: false, readDenied: false };
  private sequence = 0;

  constructor(private readonly blobs: BlobStore) {}

  call(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case 'CreateCacheEntry':
        return this.create(body);
      case 'FinalizeCacheEntryUpload':
        return this.finalize(body);
      case 'GetCacheEntryDownloadURL':
        return this.lookup(body);
      default:
        throw new TwirpFault(404, 'bad_route', `no handler for CacheService/${method}`);
    }
  }

  /** The finalized entry a lookup would return, or undefined. */
  match(keys: readonly string[], version: string): CacheEntryRecord | undefined {
    const visible = this.entries.filter((e) => e.finalized && e.version === version);
    for (const key of keys) {
      const exact = visible.find((e) => e.key === key);
      if (exact) return exact;
      const prefixed = visible.filter((e) => e.key.startsWith(key));
      if (prefixed.length > 0) return prefixed.reduce((a, b) => (b.sequence > a.sequence ? b : a));
    }
    return undefined;
  }

  private create(body: Record<string, unknown>): unknown {
    const key = requireString(body, 'key');
    const version = requireString(body, 'version');
    if (this.policy.readOnly) {
      return {
        ok: false,
        signed_upload_url: '',
        message: 'cache write denied: the token of this run can only read the cache',
      };
    }
    if (this.entries.some((e) => e.key === key && e.version === version)) {
      throw new TwirpFault(
        409,
        'already_exists',
        'cache entry with the same key, version, and scope already exists',
      );
    }
    const blob = this.blobs.createUploadUrl('cache');
    this.entries.push({
      id: this.entries.length + 1,
      key,
      version,
      blobPath: blob.path,
      finalized: false,
      sizeBytes: 0,
      sequence: ++this.sequence,
    });
    return { ok: true, signed_upload_url: blob.url, message: '' };
  }

  private finalize(body: Record<string, unknown>): unknown {
    const key = requireString(body, 'key');
    const version = requireString(body, 'version');
    const sizeBytes = requireInt64(body, 'size_bytes');
    const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
    if (!entry) throw new TwirpFault(404, 'not_found', `no pending cache entry for key ${key}`);
    const data = this.blobs.read(entry.blobPath);
    if (!data) return { ok: false, entry_id: '0', message: 'no blob was uploaded for this entry' };
    if (data.length !== sizeBytes) {
      return {
        ok: false,
        entry_id: '0',
        message: `size mismatch: uploaded ${data.length}, declared ${sizeBytes}`,
      };
    }
    entry.finalized = true;
    entry.sizeBytes = sizeBytes;
    this.blobs.seal(entry.blobPath);
    return { ok: true, entry_id: String(entry.id), message: '' };
  }

  private lookup(body: Record<string, unknown>): unknown {
    const key = requireString(body, 'key');
    const version = requireString(body, 'version');
    const restoreKeys = body['restore_keys'] ?? [];
    if (!Array.isArray(restoreKeys) || !restoreKeys.every((k) => typeof k === 'string')) {
      throw new TwirpFault(400, 'invalid_argument', 'restore_keys must be a list of strings');
    }
    if (this.policy.readDenied) {
      throw new TwirpFault(
        403,
        'permission_denied',
        'cache read denied: the token of this run has no readable cache scope',
      );
    }
    const entry = this.match([key, ...(restoreKeys as string[])], version);
    if (!entry) return { ok: false, signed_download_url: '', matched_key: '' };
    return {
      ok: true,
      signed_download_url: this.blobs.downloadUrl(entry.blobPath),
      matched_key: entry.key,
    };
  }
}
