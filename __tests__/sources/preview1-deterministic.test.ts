/**
 * Deterministic mode through the preview1 layer, calling its imports the way a guest does (on a
 * memory of its own): clocks, resolution, random bytes, clock polls, file stats and directory
 * listings give exactly the documented values, and two checkouts of one tree at different paths,
 * with different times and creation order, are indistinguishable. Without the mode, time and
 * random bytes are the host's.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EPOCH_SECONDS, MONOTONIC_START_NS, STEP_NS } from '../../src/sources/clock.js';
import { guestSources, type SourceOptions } from '../../src/sources/index.js';
import { Wasi, type WasiFunction } from '../../src/wasi/index.js';
import { tempDir } from '../helpers/tools.js';
import { hex, seededBytes } from './chacha20.js';
import { SORTED_NAMES, makeCheckout } from './tree.js';

const NS = 1_000_000_000n;
const REALTIME = 0;
const MONOTONIC = 1;
const ABSTIME = 1;
const EVENTTYPE_CLOCK = 0;
const FILETYPE = { directory: 3, regular: 4, symlink: 7 } as const;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function temp(): string {
  const dir = tempDir('wizer-det-p1-');
  cleanups.push(dir.cleanup);
  return dir.path;
}

interface Filestat {
  dev: bigint;
  ino: bigint;
  filetype: number;
  nlink: bigint;
  size: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

/** A guest's view of one preview1 context: calls its imports with pointers into its memory. */
class Guest {
  private readonly memory = new WebAssembly.Memory({ initial: 2 });
  private readonly fns: Readonly<Record<string, WasiFunction>>;
  private readonly wasi: Wasi;

  constructor(root: string, options: SourceOptions) {
    this.wasi = new Wasi({
      env: [],
      inheritStdio: false,
      stdoutToStderr: false,
      preopens: [{ guest: '/sb', host: root }],
      sources: guestSources(options),
    });
    cleanups.push(() => this.wasi.dispose());
    const instance = this.wasi.forInstance();
    instance.bindMemory(this.memory);
    this.fns = instance.imports;
  }

  private view(): DataView {
    return new DataView(this.memory.buffer);
  }

  private call(name: string, ...args: Array<number | bigint>): void {
    const errno = (this.fns[name] as (...a: Array<number | bigint>) => number)(...args);
    expect(errno, name).toBe(0);
  }

  /** Puts a string at 0x8000 and returns [ptr, len]. */
  private string(text: string): [number, number] {
    const bytes = Buffer.from(text);
    new Uint8Array(this.memory.buffer).set(bytes, 0x8000);
    return [0x8000, bytes.length];
  }

  time(id: number): bigint {
    this.call('clock_time_get', id, 1n, 16);
    return this.view().getBigUint64(16, true);
  }

  res(id: number): bigint {
    this.call('clock_res_get', id, 16);
    return this.view().getBigUint64(16, true);
  }

  random(n: number): Uint8Array {
    this.call('random_get', 0x1000, n);
    return new Uint8Array(this.memory.buffer.slice(0x1000, 0x1000 + n));
  }

  /** Polls clock subscriptions [clock id, timeout, flags, userdata]; the events' userdata and type. */
  poll(subs: Array<[number, bigint, number, bigint]>): Array<[bigint, number, number]> {
    const view = this.view();
    const inPtr = 0x2000;
    const outPtr = 0x3000;
    new Uint8Array(this.memory.buffer).fill(0, inPtr, inPtr + 48 * subs.length);
    subs.forEach(([id, timeout, flags, userdata], i) => {
      const at = inPtr + 48 * i;
      view.setBigUint64(at, userdata, true);
      view.setUint8(at + 8, EVENTTYPE_CLOCK);
      view.setUint32(at + 16, id, true);
      view.setBigUint64(at + 24, timeout, true);
      view.setBigUint64(at + 32, 0n, true);
      view.setUint16(at + 40, flags, true);
    });
    this.call('poll_oneoff', inPtr, outPtr, subs.length, 16);
    const n = view.getUint32(16, true);
    return Array.from({ length: n }, (_, i) => {
      const at = outPtr + 32 * i;
      // userdata, type, error
      return [view.getBigUint64(at, true), view.getUint8(at + 10), view.getUint16(at + 8, true)];
    });
  }

  private filestatAt(ptr: number): Filestat {
    const v = this.view();
    return {
      dev: v.getBigUint64(ptr, true),
      ino: v.getBigUint64(ptr + 8, true),
      filetype: v.getUint8(ptr + 16),
      nlink: v.getBigUint64(ptr + 24, true),
      size: v.getBigUint64(ptr + 32, true),
      atim: v.getBigUint64(ptr + 40, true),
      mtim: v.getBigUint64(ptr + 48, true),
      ctim: v.getBigUint64(ptr + 56, true),
    };
  }

  fstat(fd: number): Filestat {
    this.call('fd_filestat_get', fd, 0x4000);
    return this.filestatAt(0x4000);
  }

  pstat(path: string, follow = false): Filestat {
    this.call('path_filestat_get', 3, follow ? 1 : 0, ...this.string(path), 0x4000);
    return this.filestatAt(0x4000);
  }

  open(path: string, directory = false): number {
    const rights = 0x2n | 0x4000n | 0x200000n; // fd_read, fd_readdir, fd_filestat_get
    this.call('path_open', 3, 0, ...this.string(path), directory ? 2 : 0, rights, rights, 0, 16);
    return this.view().getUint32(16, true);
  }

  /** Every entry of a directory: [name, ino, type, next]. */
  readdir(fd: number): Array<[string, bigint, number, bigint]> {
    this.call('fd_readdir', fd, 0x5000, 0x2000, 0n, 16);
    const used = this.view().getUint32(16, true);
    expect(used).toBeLessThan(0x2000);
    const v = this.view();
    const out: Array<[string, bigint, number, bigint]> = [];
    for (let at = 0x5000; at < 0x5000 + used;) {
      const next = v.getBigUint64(at, true);
      const ino = v.getBigUint64(at + 8, true);
      const len = v.getUint32(at + 16, true);
      const type = v.getUint8(at + 20);
      const name = Buffer.from(this.memory.buffer, at + 24, len).toString('latin1');
      out.push([name, ino, type, next]);
      at += 24 + len;
    }
    return out;
  }
}

/** What a guest sees of the tree's metadata, in one fixed sequence of calls. */
function filesTranscript(guest: Guest) {
  const root = guest.fstat(3);
  const zeta = guest.pstat('zeta');
  const listing = guest.readdir(3);
  const fd = guest.open('beta');
  const beta = guest.fstat(fd);
  const link = guest.pstat('beta-link');
  const sym = guest.pstat('_sym');
  const symFollowed = guest.pstat('_sym', true);
  const mid = guest.pstat('mid');
  const midFd = guest.open('mid', true);
  const midListing = guest.readdir(midFd);
  const inner = guest.pstat('mid/inner');
  return { root, zeta, listing, beta, link, sym, symFollowed, mid, midListing, inner };
}

describe('preview1, deterministic', () => {
  it('clocks, resolution, polls and random bytes give the documented values', () => {
    const E = 1_700_000_000n * NS;
    const M = MONOTONIC_START_NS;
    const S = STEP_NS;
    const guest = new Guest(makeCheckout(join(temp(), 'a'), 'a'), {
      deterministic: true,
      sourceDateEpoch: 1_700_000_000,
      deterministicSeed: 42n,
    });
    expect(guest.time(REALTIME)).toBe(E);
    expect(guest.time(MONOTONIC)).toBe(M + S);
    expect(guest.time(REALTIME)).toBe(E + 2n * S);
    expect(guest.res(REALTIME)).toBe(1n);
    expect(guest.res(MONOTONIC)).toBe(1n);
    // Reading the resolution is not a reading of the clock.
    expect(guest.time(MONOTONIC)).toBe(M + 3n * S);

    // A relative poll of an hour completes at once and the clocks jump by it.
    const started = Date.now();
    expect(guest.poll([[MONOTONIC, 3600n * NS, 0, 0x1234n]])).toEqual([
      [0x1234n, EVENTTYPE_CLOCK, 0],
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    let elapsed = 4n * S + 3600n * NS;
    expect(guest.time(MONOTONIC)).toBe(M + elapsed);
    elapsed += S;
    expect(guest.time(REALTIME)).toBe(E + elapsed);
    elapsed += S;

    // Of two relative subscriptions only the earlier fires, and the clock moves by it alone.
    expect(
      guest.poll([
        [REALTIME, 10n * NS, 0, 1n],
        [MONOTONIC, 5n * NS, 0, 2n],
      ]),
    ).toEqual([[2n, EVENTTYPE_CLOCK, 0]]);
    elapsed += 5n * NS;
    expect(guest.time(MONOTONIC)).toBe(M + elapsed);
    elapsed += S;

    // A deadline already passed fires without moving the clock beyond its own reading.
    expect(guest.poll([[MONOTONIC, M, ABSTIME, 3n]])).toEqual([[3n, EVENTTYPE_CLOCK, 0]]);
    const afterPassed = guest.time(MONOTONIC);
    expect(afterPassed === M + elapsed || afterPassed === M + elapsed + S).toBe(true);

    const bytes = Buffer.concat([guest.random(5), guest.random(0), guest.random(300)]);
    expect(hex(bytes)).toBe(hex(seededBytes(42n, 305)));
  });

  it('an absolute poll leaves the clock at its deadline', () => {
    const M = MONOTONIC_START_NS;
    const guest = new Guest(makeCheckout(join(temp(), 'a'), 'a'), { deterministic: true });
    expect(guest.time(MONOTONIC)).toBe(M);
    const deadline = M + 10n * NS;
    expect(guest.poll([[MONOTONIC, deadline, ABSTIME, 9n]])).toEqual([[9n, EVENTTYPE_CLOCK, 0]]);
    expect(guest.time(MONOTONIC)).toBe(deadline);
    const realDeadline = BigInt(DEFAULT_EPOCH_SECONDS) * NS + 20n * NS;
    expect(guest.poll([[REALTIME, realDeadline, ABSTIME, 8n]])).toEqual([[8n, EVENTTYPE_CLOCK, 0]]);
    expect(guest.time(REALTIME)).toBe(realDeadline);
  });

  it('an absolute poll completes at once and moves the clock to its deadline (within one step)', () => {
    const M = MONOTONIC_START_NS;
    const S = STEP_NS;
    const guest = new Guest(makeCheckout(join(temp(), 'a'), 'a'), { deterministic: true });
    expect(guest.time(MONOTONIC)).toBe(M);
    const deadline = M + 10n * NS;
    const started = Date.now();
    expect(guest.poll([[MONOTONIC, deadline, ABSTIME, 9n]])).toEqual([[9n, EVENTTYPE_CLOCK, 0]]);
    expect(Date.now() - started).toBeLessThan(1000);
    const after = guest.time(MONOTONIC);
    expect(after >= deadline && after <= deadline + S).toBe(true);
    const realDeadline = BigInt(DEFAULT_EPOCH_SECONDS) * NS + 20n * NS;
    expect(guest.poll([[REALTIME, realDeadline, ABSTIME, 8n]])).toEqual([[8n, EVENTTYPE_CLOCK, 0]]);
    const real = guest.time(REALTIME);
    expect(real >= realDeadline && real <= realDeadline + S).toBe(true);
  });

  it('the default epoch and seed', () => {
    const guest = new Guest(makeCheckout(join(temp(), 'a'), 'a'), { deterministic: true });
    expect(guest.time(REALTIME)).toBe(315_532_800n * NS);
    expect(guest.time(MONOTONIC)).toBe(1_000_000_000n + 100_000n);
    expect(hex(guest.random(64))).toBe(
      '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7' +
        'da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586',
    );
  });

  it('file stats and listings show the epoch, device 1, inodes in first-seen order, sorted names', () => {
    const E = 1_650_000_000n * NS;
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const seen = filesTranscript(
      new Guest(root, { deterministic: true, sourceDateEpoch: 1_650_000_000 }),
    );
    const times = { atim: E, mtim: E, ctim: E };
    const dir = { dev: 1n, filetype: FILETYPE.directory, nlink: 1n, size: 0n, ...times };
    expect(seen.root).toEqual({ ...dir, ino: 1n });
    expect(seen.zeta).toEqual({
      dev: 1n,
      ino: 2n,
      filetype: FILETYPE.regular,
      nlink: 1n,
      size: 12n,
      ...times,
    });
    // The listing assigns numbers in sorted order to the entries not seen yet; the hard link
    // shares its file's.
    const ino: Record<string, bigint> = {
      '.': 1n,
      '..': 1n,
      Alpha: 3n,
      _sym: 4n,
      alpha: 5n,
      beta: 6n,
      'beta-link': 6n,
      mid: 7n,
      zeta: 2n,
    };
    const type: Record<string, number> = { _sym: FILETYPE.symlink, mid: FILETYPE.directory };
    expect(seen.listing).toEqual(
      ['.', '..', ...SORTED_NAMES].map((name, i) => [
        name,
        ino[name],
        type[name] ?? (name.startsWith('.') ? FILETYPE.directory : FILETYPE.regular),
        BigInt(i + 1),
      ]),
    );
    const beta = { dev: 1n, ino: 6n, filetype: FILETYPE.regular, nlink: 2n, size: 9n, ...times };
    expect(seen.beta).toEqual(beta);
    expect(seen.link).toEqual(beta);
    expect(seen.sym).toEqual({
      dev: 1n,
      ino: 4n,
      filetype: FILETYPE.symlink,
      nlink: 1n,
      size: 4n,
      ...times,
    });
    expect(seen.symFollowed).toEqual({ ...seen.zeta });
    expect(seen.mid).toEqual({ ...dir, ino: 7n });
    expect(seen.midListing).toEqual([
      ['.', 7n, FILETYPE.directory, 1n],
      ['..', 7n, FILETYPE.directory, 2n],
      ['inner', 8n, FILETYPE.regular, 3n],
    ]);
    expect(seen.inner).toEqual({
      dev: 1n,
      ino: 8n,
      filetype: FILETYPE.regular,
      nlink: 1n,
      size: 6n,
      ...times,
    });
  });

  it('two checkouts at other paths, times and creation orders look the same', () => {
    const dir = temp();
    const a = makeCheckout(join(dir, 'first'), 'a');
    const b = makeCheckout(join(dir, 'elsewhere', 'second-checkout'), 'b');
    // The host does see them differently.
    expect(lstatSync(join(a, 'zeta'), { bigint: true }).ino).not.toBe(
      lstatSync(join(b, 'zeta'), { bigint: true }).ino,
    );
    expect(lstatSync(join(a, 'zeta')).mtimeMs).not.toBe(lstatSync(join(b, 'zeta')).mtimeMs);
    const run = (root: string) => {
      const guest = new Guest(root, { deterministic: true, deterministicSeed: 3n });
      const clocks = [guest.time(REALTIME), guest.time(MONOTONIC)];
      guest.poll([[MONOTONIC, 1234n, 0, 1n]]);
      const files = filesTranscript(guest);
      clocks.push(guest.time(MONOTONIC), guest.time(REALTIME));
      return { clocks, files, random: hex(guest.random(100)) };
    };
    const first = run(a);
    expect(run(b)).toEqual(first);
    expect(run(a)).toEqual(first);
  });
});

describe('preview1, not deterministic', () => {
  it('the clocks follow wall time, polls wait, random bytes differ between runs', () => {
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const one = new Guest(root, {});
    const two = new Guest(root, { deterministic: false });
    const wall = BigInt(Date.now()) * 1_000_000n;
    const real = one.time(REALTIME);
    expect(real > wall - 5n * NS && real < wall + 5n * NS).toBe(true);
    const before = one.time(MONOTONIC);
    const started = performance.now();
    expect(one.poll([[MONOTONIC, 30_000_000n, 0, 5n]])).toEqual([[5n, EVENTTYPE_CLOCK, 0]]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(one.time(MONOTONIC) - before >= 30_000_000n).toBe(true);
    expect(hex(one.random(32))).not.toBe(hex(two.random(32)));
    expect(hex(one.random(32))).not.toBe(hex(seededBytes(0n, 32)));
  });

  it('file stats are the host’s and listings keep the host’s order', () => {
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const seen = filesTranscript(new Guest(root, {}));
    const host = lstatSync(join(root, 'zeta'), { bigint: true });
    expect(seen.zeta.ino).toBe(host.ino);
    expect(seen.zeta.dev).toBe(host.dev);
    expect(seen.zeta.mtim).toBe(host.mtimeNs);
    expect(seen.listing.map(([name]) => name).sort()).toEqual(['.', '..', ...SORTED_NAMES].sort());
    expect(seen.beta.ino).toBe(lstatSync(join(root, 'beta'), { bigint: true }).ino);
  });
});
