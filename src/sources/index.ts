/**
 * What the host gives a guest during init that could differ from run to run: clocks, random
 * bytes and file system metadata. Both WASI layers (preview1 in src/wasi, 0.2 in src/wasi2) take
 * them from here: the host's own by default, virtual ones in deterministic mode
 * (`--deterministic`), where every source is a function of the options alone.
 */
import { UsageError } from '../errors.js';
import type { WizenOptions } from '../wizer/options.js';
import { DEFAULT_EPOCH_SECONDS, HostClock, VirtualClock, type GuestClock } from './clock.js';
import { HostFiles, VirtualFiles, type GuestFiles } from './files.js';
import { HostRandom, SeededRandom, type GuestRandom } from './random.js';

export type { GuestClock } from './clock.js';
export type { GuestFiles, FileIdentity } from './files.js';
export type { GuestRandom } from './random.js';
export { monotonicMs, sleepSync } from './clock.js';

export interface GuestSources {
  clock: GuestClock;
  random: GuestRandom;
  files: GuestFiles;
}

export type SourceOptions = Partial<
  Pick<WizenOptions, 'deterministic' | 'deterministicSeed' | 'sourceDateEpoch'>
>;

/** Fresh sources for one WASI host (a virtual clock and stream start anew). */
export function guestSources(options: SourceOptions = {}): GuestSources {
  if (options.deterministic !== true) {
    return { clock: new HostClock(), random: new HostRandom(), files: new HostFiles() };
  }
  const epoch = options.sourceDateEpoch ?? DEFAULT_EPOCH_SECONDS;
  return {
    clock: new VirtualClock(epoch),
    random: new SeededRandom(options.deterministicSeed ?? 0n),
    files: new VirtualFiles(epoch),
  };
}

/** The largest seed of the random bytes (a u64). */
export const MAX_SEED = (1n << 64n) - 1n;

/** A `--deterministic-seed` / `deterministic-seed` value: a u64 in decimal, else undefined. */
export function parseSeed(value: string): bigint | undefined {
  return /^\d{1,20}$/.test(value) && BigInt(value) <= MAX_SEED ? BigInt(value) : undefined;
}

/**
 * `SOURCE_DATE_EPOCH` as the reproducible-builds convention defines it (a decimal count of
 * seconds since the Unix epoch); undefined when unset or empty. Throws on anything else.
 */
export function parseSourceDateEpoch(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got \`${value}\``,
    );
  }
  return Number(value);
}
