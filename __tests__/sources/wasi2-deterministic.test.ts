/**
 * Deterministic mode through the WASI 0.2 host, calling its import objects as jco's glue does:
 * wall and monotonic clocks, pollables, random and insecure-seed, descriptor stats, metadata
 * hashes and directory order give exactly the documented values, and two checkouts of one tree
 * (other paths, times, creation order) are indistinguishable. Without the mode, the host's.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EPOCH_SECONDS, STEP_NS } from '../../src/sources/clock.js';
import type { SourceOptions } from '../../src/sources/index.js';
import { createWasi2Host } from '../../src/wasi2/index.js';
import type { Descriptor, DirectoryEntryStream } from '../../src/wasi2/filesystem.js';
import { tempDir } from '../helpers/tools.js';
import { hex, seededBytes, seededInsecureSeed } from './chacha20.js';
import { SORTED_NAMES, makeCheckout } from './tree.js';
import { api, defaults, type Api } from '../wasi2/helpers.js';

const NS = 1_000_000_000n;
const S = STEP_NS;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function temp(): string {
  const dir = tempDir('wizer-det-p2-');
  cleanups.push(dir.cleanup);
  return dir.path;
}

function host(root: string, options: SourceOptions): { api: Api; dir: Descriptor } {
  const created = createWasi2Host({
    ...defaults,
    preopens: [{ guest: '/sb', host: root }],
    ...options,
  });
  cleanups.push(() => created.close());
  const a = api(created);
  const [[dir, name]] = a.preopens.getDirectories() as [[Descriptor, string]];
  expect(name).toBe('/sb');
  return { api: a, dir };
}

/** `metadata-hash` of a file the guest sees as inode `ino` (device 1), as filesystem-types.ts defines it. */
function hashOfIno(ino: bigint): { lower: bigint; upper: bigint } {
  const lower = (ino * 0x9e3779b97f4a7c15n + 1n) & ((1n << 64n) - 1n);
  return { lower, upper: lower ^ 4614256656552045848n };
}

function names(stream: DirectoryEntryStream): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let e = stream.readDirectoryEntry(); e !== undefined; e = stream.readDirectoryEntry())
    out.push([e.name, e.type]);
  return out;
}

/** What a guest sees of the tree in one fixed sequence of calls. */
function filesTranscript(dir: Descriptor) {
  const root = dir.stat();
  const rootHash = dir.metadataHash();
  const zeta = dir.statAt({}, 'zeta');
  const zetaHash = dir.metadataHashAt({}, 'zeta');
  const listing = names(dir.readDirectory());
  const hashes = SORTED_NAMES.map((name) => [name, dir.metadataHashAt({}, name)]);
  const symFollowed = dir.metadataHashAt({ symlinkFollow: true }, '_sym');
  const beta = dir.openAt({}, 'beta', {}, { read: true });
  const betaStat = beta.stat();
  const betaHash = beta.metadataHash();
  const mid = dir.openAt({}, 'mid', { directory: true }, { read: true });
  const midStat = mid.stat();
  const midListing = names(mid.readDirectory());
  const inner = mid.statAt({}, 'inner');
  const innerHash = mid.metadataHashAt({}, 'inner');
  const link = dir.statAt({}, 'beta-link');
  const sym = dir.statAt({}, '_sym');
  return {
    ...{ root, rootHash, zeta, zetaHash, listing, hashes, symFollowed, betaStat, betaHash },
    ...{ midStat, midListing, inner, innerHash, link, sym },
  };
}

describe('WASI 0.2, deterministic', () => {
  it('wall clock, monotonic clock and pollables give the documented values', () => {
    const E = 1_700_000_000n;
    const { api: a } = host(makeCheckout(join(temp(), 'a'), 'a'), {
      deterministic: true,
      sourceDateEpoch: 1_700_000_000,
    });
    const { wallClock: wall, monotonicClock: mono, poll } = a;
    expect(wall.now()).toEqual({ seconds: E, nanoseconds: 0 });
    // Monotonic instants count from the host's creation.
    expect(mono.now()).toBe(S);
    expect(wall.now()).toEqual({ seconds: E, nanoseconds: Number(2n * S) });
    expect(wall.resolution()).toEqual({ seconds: 0n, nanoseconds: 1 });
    expect(mono.resolution()).toBe(1n);
    let t = 3n * S; // the monotonic instant now

    // A duration of an hour: not ready, then poll completes at once and the clock jumps by it.
    const hour = mono.subscribeDuration(3600n * NS);
    expect(hour.ready()).toBe(false);
    const started = Date.now();
    expect(Array.from(poll.poll([hour]))).toEqual([0]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hour.ready()).toBe(true);
    t += 3600n * NS;
    expect(mono.now()).toBe(t);
    t += S;

    // An instant: the clock reaches exactly it.
    const when = t + 7n * NS;
    const instant = mono.subscribeInstant(when);
    expect(Array.from(poll.poll([instant]))).toEqual([0]);
    expect(mono.now()).toBe(when);
    t = when + S;
    // An instant already passed is ready and moves nothing.
    expect(mono.subscribeInstant(0n).ready()).toBe(true);
    expect(Array.from(poll.poll([mono.subscribeInstant(0n)]))).toEqual([0]);

    // Of two durations only the sooner is ready; the clock moves by it alone.
    const t0 = t;
    const two = mono.subscribeDuration(2n * NS);
    const one = mono.subscribeDuration(1n * NS);
    expect(Array.from(poll.poll([two, one]))).toEqual([1]);
    expect(mono.now()).toBe(t0 + 1n * NS);
    // A ready pollable answers without waiting; then the later one's deadline, fixed when it was
    // made, is where the clock lands (the reading between is absorbed).
    expect(Array.from(poll.poll([two, mono.subscribeDuration(0n)]))).toEqual([1]);
    expect(Array.from(poll.poll([two]))).toEqual([0]);
    t = t0 + 2n * NS;
    expect(wall.now()).toEqual({ seconds: E + t / NS, nanoseconds: Number(t % NS) });
  });

  it('the default epoch', () => {
    const { api: a } = host(makeCheckout(join(temp(), 'a'), 'a'), { deterministic: true });
    expect(a.wallClock.now()).toEqual({ seconds: BigInt(DEFAULT_EPOCH_SECONDS), nanoseconds: 0 });
    expect(a.wallClock.now()).toEqual({ seconds: 315_532_800n, nanoseconds: Number(S) });
  });

  it('random, insecure and insecure-seed come from the seeded ChaCha20 stream', () => {
    for (const seed of [undefined, 0n, 77n]) {
      const { api: a } = host(makeCheckout(join(temp(), 'a'), 'a'), {
        deterministic: true,
        ...(seed === undefined ? {} : { deterministicSeed: seed }),
      });
      const expected = seededBytes(seed ?? 0n, 5 + 8 + 3 + 8 + 100);
      const got = [
        a.random.getRandomBytes(5n),
        a.random.getRandomBytes(0n),
        u64le(a.random.getRandomU64()),
        a.insecure.getInsecureRandomBytes(3n),
        u64le(a.insecure.getInsecureRandomU64()),
        a.random.getRandomBytes(100n),
      ];
      expect(hex(Buffer.concat(got))).toBe(hex(expected));
      const seedBytes = seededInsecureSeed(seed ?? 0n);
      const view = new DataView(seedBytes.buffer);
      const pair = [view.getBigUint64(0, true), view.getBigUint64(8, true)];
      expect(a.insecureSeed.insecureSeed()).toEqual(pair);
      expect(a.insecureSeed.insecureSeed()).toEqual(pair);
    }
    expect(hex(seededBytes(0n, 8))).toBe('76b8e0ada0f13d90');
  });

  it('stats, metadata hashes and listings: the epoch, inodes in first-seen order, sorted names', () => {
    const E = { seconds: 1_650_000_000n, nanoseconds: 0 };
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const { dir } = host(root, { deterministic: true, sourceDateEpoch: 1_650_000_000 });
    const seen = filesTranscript(dir);
    const times = {
      dataAccessTimestamp: E,
      dataModificationTimestamp: E,
      statusChangeTimestamp: E,
    };
    const directory = { type: 'directory', linkCount: 1n, size: 0n, ...times };
    expect(seen.root).toEqual(directory);
    expect(seen.rootHash).toEqual(hashOfIno(1n));
    expect(seen.zeta).toEqual({ type: 'regular-file', linkCount: 1n, size: 12n, ...times });
    expect(seen.zetaHash).toEqual(hashOfIno(2n));
    const type: Record<string, string> = { _sym: 'symbolic-link', mid: 'directory' };
    expect(seen.listing).toEqual(SORTED_NAMES.map((n) => [n, type[n] ?? 'regular-file']));
    const ino: Record<string, bigint> = {
      Alpha: 3n,
      _sym: 4n,
      alpha: 5n,
      beta: 6n,
      'beta-link': 6n,
      mid: 7n,
      zeta: 2n,
    };
    expect(seen.hashes).toEqual(SORTED_NAMES.map((n) => [n, hashOfIno(ino[n]!)]));
    expect(seen.symFollowed).toEqual(hashOfIno(2n));
    const beta = { type: 'regular-file', linkCount: 2n, size: 9n, ...times };
    expect(seen.betaStat).toEqual(beta);
    expect(seen.link).toEqual(beta);
    expect(seen.betaHash).toEqual(hashOfIno(6n));
    expect(seen.midStat).toEqual(directory);
    expect(seen.midListing).toEqual([['inner', 'regular-file']]);
    expect(seen.inner).toEqual({ type: 'regular-file', linkCount: 1n, size: 6n, ...times });
    expect(seen.innerHash).toEqual(hashOfIno(8n));
    expect(seen.sym).toEqual({ type: 'symbolic-link', linkCount: 1n, size: 4n, ...times });
  });

  it('two checkouts at other paths, times and creation orders look the same', () => {
    const base = temp();
    const a = makeCheckout(join(base, 'first'), 'a');
    const b = makeCheckout(join(base, 'deeper', 'second'), 'b');
    expect(lstatSync(join(a, 'beta')).mtimeMs).not.toBe(lstatSync(join(b, 'beta')).mtimeMs);
    const run = (root: string) => {
      const { api: x, dir } = host(root, { deterministic: true, deterministicSeed: 5n });
      const clocks = [x.wallClock.now(), x.monotonicClock.now()];
      x.poll.poll([x.monotonicClock.subscribeDuration(12_345n)]);
      const files = filesTranscript(dir);
      clocks.push(x.monotonicClock.now(), x.wallClock.now());
      return {
        clocks,
        files,
        random: hex(x.random.getRandomBytes(64n)),
        seed: x.insecureSeed.insecureSeed(),
      };
    };
    const first = run(a);
    expect(run(b)).toEqual(first);
    expect(run(a)).toEqual(first);
  });
});

describe('WASI 0.2, not deterministic', () => {
  it('clocks follow wall time, pollables wait, random bytes and seeds differ between hosts', () => {
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const { api: one } = host(root, {});
    const { api: two } = host(root, { deterministic: false });
    const now = one.wallClock.now();
    const wall = BigInt(Date.now()) / 1000n;
    expect(now.seconds >= wall - 5n && now.seconds <= wall + 5n).toBe(true);
    const before = one.monotonicClock.now();
    const started = performance.now();
    const p = one.monotonicClock.subscribeDuration(30_000_000n);
    expect(Array.from(one.poll.poll([p]))).toEqual([0]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(one.monotonicClock.now() - before >= 30_000_000n).toBe(true);
    expect(hex(one.random.getRandomBytes(32n))).not.toBe(hex(two.random.getRandomBytes(32n)));
    expect(one.insecureSeed.insecureSeed()).not.toEqual(two.insecureSeed.insecureSeed());
  });

  it('stats carry the host times', () => {
    const root = makeCheckout(join(temp(), 'b'), 'b');
    const { dir } = host(root, {});
    const stat = dir.statAt({}, 'zeta');
    const hostStat = lstatSync(join(root, 'zeta'), { bigint: true });
    expect(stat.dataModificationTimestamp).toEqual({
      seconds: hostStat.mtimeNs / NS,
      nanoseconds: Number(hostStat.mtimeNs % NS),
    });
    expect(dir.stat().size).not.toBe(0n); // a directory's host size
  });
});

function u64le(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, true);
  return bytes;
}
