/**
 * The records of `wasi:filesystem/types` as jco's glue passes them (flags as objects of
 * booleans, enums as strings, 64-bit values as bigints), and their conversions from host stats.
 */
import type { GuestFiles } from '../sources/index.js';
import type { BigIntStats } from 'node:fs';
import type { TimeChange } from '../wasi/path-ops.js';
import type { Datetime } from './clocks.js';
import { fail } from './errors.js';

export type DescriptorType =
  | 'unknown'
  | 'block-device'
  | 'character-device'
  | 'directory'
  | 'fifo'
  | 'symbolic-link'
  | 'regular-file'
  | 'socket';

export interface DescriptorFlags {
  read?: boolean;
  write?: boolean;
  fileIntegritySync?: boolean;
  dataIntegritySync?: boolean;
  requestedWriteSync?: boolean;
  mutateDirectory?: boolean;
}

export interface PathFlags {
  symlinkFollow?: boolean;
}

export interface OpenFlags {
  create?: boolean;
  directory?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
}

export interface DescriptorStat {
  type: DescriptorType;
  linkCount: bigint;
  size: bigint;
  dataAccessTimestamp?: Datetime;
  dataModificationTimestamp?: Datetime;
  statusChangeTimestamp?: Datetime;
}

export type NewTimestamp =
  { tag: 'no-change' } | { tag: 'now' } | { tag: 'timestamp'; val: Datetime };

export type Advice = 'normal' | 'sequential' | 'random' | 'will-need' | 'dont-need' | 'no-reuse';

export interface DirectoryEntry {
  type: DescriptorType;
  name: string;
}

export interface MetadataHashValue {
  lower: bigint;
  upper: bigint;
}

const U64 = (1n << 64n) - 1n;
/** Upstream derives `upper` from `lower` with this constant (the bits of the double nearest pi). */
const HASH_UPPER_MASK = 4614256656552045848n;

/** The descriptor type of a host stat. */
export function typeOf(stat: BigIntStats): DescriptorType {
  if (stat.isFile()) return 'regular-file';
  if (stat.isDirectory()) return 'directory';
  if (stat.isSymbolicLink()) return 'symbolic-link';
  if (stat.isCharacterDevice()) return 'character-device';
  if (stat.isBlockDevice()) return 'block-device';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isSocket()) return 'socket';
  return 'unknown';
}

/** A file offset for `writeSync`; past 2^53 bytes no host file can reach. */
export function position(offset: bigint): number {
  if (offset > BigInt(Number.MAX_SAFE_INTEGER)) fail('file-too-large');
  return Number(offset);
}

/** Nanoseconds since the epoch as a `wall-clock.datetime`. */
export function datetime(ns: bigint): Datetime {
  return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
}

/**
 * Upstream's stat: the status-change time is the creation (birth) time, absent where the host
 * does not record one. Seen through `files` (as it is, or deterministic: then every time is the
 * epoch).
 */
export function statOf(stat: BigIntStats, files: GuestFiles): DescriptorStat {
  const type = typeOf(stat);
  const { size, nlink } =
    type === 'directory' ? files.directory(stat) : { size: stat.size, nlink: stat.nlink };
  const birth = files.optionalTimestamp(stat.birthtimeNs);
  return {
    type,
    linkCount: nlink,
    size,
    dataAccessTimestamp: datetime(files.timestamp(stat.atimeNs)),
    dataModificationTimestamp: datetime(files.timestamp(stat.mtimeNs)),
    statusChangeTimestamp: birth === undefined ? undefined : datetime(birth),
  };
}

/** A 128-bit value identifying a file (device and inode), the same for every name of it. */
export function hashOf(stat: BigIntStats, files: GuestFiles): MetadataHashValue {
  const { dev, ino } = files.identity(stat);
  const lower = (ino * 0x9e3779b97f4a7c15n + dev) & U64;
  return { lower, upper: lower ^ HASH_UPPER_MASK };
}

/** A `new-timestamp` as the shared path layer's time change. */
export function timeChange(timestamp: NewTimestamp): TimeChange {
  switch (timestamp.tag) {
    case 'no-change':
      return 'keep';
    case 'now':
      return 'now';
    case 'timestamp':
      return timestamp.val.seconds * 1_000_000_000n + BigInt(timestamp.val.nanoseconds);
  }
}
