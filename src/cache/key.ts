/**
 * Cache keys of wizened modules. A key is a digest of everything that can change the output:
 * the module's bytes, every option that reaches the engine (resolved with the library's defaults,
 * so a changed default changes keys), the guest environment, the contents of preloaded modules
 * and preopened trees, and the tool version. Host paths are not hashed, only what they contain,
 * so runners with different workspace locations share entries.
 *
 * Left out on purpose: the timeout (it decides only whether a run finishes, never what it
 * produces) and the input's file name (identical bytes give identical outputs wherever they live).
 */
import { createHash } from 'node:crypto';
import { resolveOptions, type WizenOptions } from '../wizer/options.js';

/** Bumped when the key recipe or the entry layout changes, orphaning older entries. */
export const KEY_SCHEMA = 1;

/** What the preopens and preloads contain, from `digestTree` / `digestFile`. */
export interface ContentDigests {
  /** One digest per preopen, in option order. */
  preopens: string[];
  /** One digest per preload, in option order. */
  preloads: string[];
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level (BigInts as decimal strings): equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint'
      ? v.toString()
      : v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
  );
}

/**
 * Digest of the per-run part of the key: options, guest environment, preopen/preload contents and
 * tool version. Computed once per run and combined with each module's digest.
 */
export function settingsDigest(
  options: Partial<WizenOptions>,
  contents: ContentDigests,
  toolVersion: string,
): string {
  // Every option is hashed except those known not to affect the output, so an option added to
  // the engine later is covered without touching this function.
  const { preopens, preloads, ...rest } = resolveOptions(options);
  const hashed: Partial<typeof rest> = { ...rest };
  delete hashed.timeoutMs;
  delete hashed.guestStdoutToStderr;
  if (
    preopens.length !== contents.preopens.length ||
    preloads.length !== contents.preloads.length
  ) {
    throw new Error('one content digest is needed per preopen and per preload');
  }
  return sha256Hex(
    canonicalJson({
      schema: KEY_SCHEMA,
      tool: toolVersion,
      options: hashed,
      preopens: preopens.map((p, i) => ({ guest: p.guest, contents: contents.preopens[i] })),
      preloads: preloads.map((p, i) => ({ name: p.name, contents: contents.preloads[i] })),
    }),
  );
}

/**
 * The cache key of one module: `<prefix>wizer-<tool version>-<sha256>`. Readable enough for
 * `gh cache list`, and far below the service's 512-character limit.
 */
export function moduleCacheKey(
  prefix: string,
  toolVersion: string,
  settings: string,
  moduleSha256: string,
): string {
  return `${prefix}wizer-${toolVersion}-${sha256Hex(`${KEY_SCHEMA}\n${settings}\n${moduleSha256}`)}`;
}
