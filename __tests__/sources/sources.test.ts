/**
 * The sources of deterministic mode on their own: the virtual clocks' documented sequence, the
 * seeded random stream against RFC 8439's ChaCha20 vectors, and the virtual file metadata.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  DEFAULT_EPOCH_SECONDS,
  HostClock,
  MONOTONIC_START_NS,
  STEP_NS,
  VirtualClock,
} from '../../src/sources/clock.js';
import {
  HostFiles,
  VIRTUAL_DEVICE,
  VirtualFiles,
  type GuestFiles,
} from '../../src/sources/files.js';
import { guestSources, parseSourceDateEpoch } from '../../src/sources/index.js';
import { HostRandom, SeededRandom } from '../../src/sources/random.js';
import { chacha20Block, hex, nonce, seedKey, seededBytes, seededInsecureSeed } from './chacha20.js';

const NS = 1_000_000_000n;

/** RFC 8439 A.1 test vectors #1 and #2: all-zero key and nonce, block counters 0 and 1. */
const RFC8439_A1_1 =
  '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7' +
  'da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586';
const RFC8439_A1_2 =
  '9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed' +
  '29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f';
/** RFC 8439 2.3.2: key 00..1f, nonce 000000090000004a00000000, counter 1. */
const RFC8439_232 =
  '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e' +
  'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e';

function fill(random: { fill(t: Uint8Array, o: number, l: number): void }, n: number): Uint8Array {
  const out = new Uint8Array(n);
  random.fill(out, 0, n);
  return out;
}

describe('VirtualClock', () => {
  it('starts realtime at the epoch and monotonic at the documented start', () => {
    expect(new VirtualClock(1_700_000_000).readRealtime()).toBe(1_700_000_000n * NS);
    expect(new VirtualClock().readRealtime()).toBe(BigInt(DEFAULT_EPOCH_SECONDS) * NS);
    expect(new VirtualClock().readMonotonic()).toBe(MONOTONIC_START_NS);
  });

  it('documents 1980-01-01, one second and 100 us', () => {
    expect(new Date(DEFAULT_EPOCH_SECONDS * 1000).toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(MONOTONIC_START_NS).toBe(1_000_000_000n);
    expect(STEP_NS).toBe(100_000n);
  });

  it('advances both clocks by one step after every reading of either', () => {
    const epoch = 1_234_567_890n * NS;
    const clock = new VirtualClock(1_234_567_890);
    const readings = [
      clock.readRealtime(),
      clock.readRealtime(),
      clock.readMonotonic(),
      clock.readRealtime(),
      clock.readMonotonic(),
      clock.readMonotonic(),
      clock.readRealtime(),
    ];
    expect(readings).toEqual([
      epoch,
      epoch + STEP_NS,
      MONOTONIC_START_NS + 2n * STEP_NS,
      epoch + 3n * STEP_NS,
      MONOTONIC_START_NS + 4n * STEP_NS,
      MONOTONIC_START_NS + 5n * STEP_NS,
      epoch + 6n * STEP_NS,
    ]);
  });

  it('peekMonotonic reads without advancing', () => {
    const clock = new VirtualClock();
    expect(clock.peekMonotonic()).toBe(MONOTONIC_START_NS);
    expect(clock.peekMonotonic()).toBe(MONOTONIC_START_NS);
    expect(clock.readMonotonic()).toBe(MONOTONIC_START_NS);
    expect(clock.peekMonotonic()).toBe(MONOTONIC_START_NS + STEP_NS);
    expect(clock.peekMonotonic()).toBe(MONOTONIC_START_NS + STEP_NS);
    expect(clock.readRealtime()).toBe(BigInt(DEFAULT_EPOCH_SECONDS) * NS + STEP_NS);
  });

  it('sleepUntil jumps both clocks to the deadline at once, never backwards', () => {
    const clock = new VirtualClock(0);
    const started = Date.now();
    clock.sleepUntil(MONOTONIC_START_NS + 3_600n * NS); // an hour
    expect(Date.now() - started).toBeLessThan(1000);
    expect(clock.peekMonotonic()).toBe(MONOTONIC_START_NS + 3_600n * NS);
    expect(clock.readRealtime()).toBe(3_600n * NS);
    expect(clock.readMonotonic()).toBe(MONOTONIC_START_NS + 3_600n * NS + STEP_NS);
    // A deadline already passed changes nothing.
    clock.sleepUntil(MONOTONIC_START_NS);
    expect(clock.peekMonotonic()).toBe(MONOTONIC_START_NS + 3_600n * NS + 2n * STEP_NS);
  });

  it('two clocks of the same epoch give the same readings', () => {
    const read = (c: VirtualClock) => [c.readRealtime(), c.readMonotonic(), c.readRealtime()];
    expect(read(new VirtualClock(42))).toEqual(read(new VirtualClock(42)));
  });

  it('the host clock follows wall time', () => {
    const clock = new HostClock();
    const now = BigInt(Date.now()) * 1_000_000n;
    const real = clock.readRealtime();
    expect(real - now < 5_000_000_000n && now - real < 5_000_000_000n).toBe(true);
    const a = clock.readMonotonic();
    clock.sleepUntil(a + 20_000_000n);
    expect(clock.readMonotonic() - a >= 20_000_000n).toBe(true);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it('parses a decimal count of seconds', () => {
    expect(parseSourceDateEpoch('0')).toBe(0);
    expect(parseSourceDateEpoch('1700000000')).toBe(1_700_000_000);
    expect(parseSourceDateEpoch(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('unset or empty is undefined', () => {
    expect(parseSourceDateEpoch(undefined)).toBeUndefined();
    expect(parseSourceDateEpoch('')).toBeUndefined();
  });

  it.each(['-1', '1.5', '1e9', ' 1', '1 ', '0x10', 'abc', '9007199254740993'])(
    'rejects %j',
    (value) => {
      expect(() => parseSourceDateEpoch(value)).toThrow(UsageError);
    },
  );
});

describe('guestSources', () => {
  it('gives the host sources unless deterministic', () => {
    for (const options of [{}, { deterministic: false, deterministicSeed: 1n }]) {
      const sources = guestSources(options);
      expect(sources.clock).toBeInstanceOf(HostClock);
      expect(sources.random).toBeInstanceOf(HostRandom);
      expect(sources.files).toBeInstanceOf(HostFiles);
    }
  });

  it('deterministic: the default epoch and seed 0, or the ones given', () => {
    const plain = guestSources({ deterministic: true });
    expect(plain.clock.readRealtime()).toBe(BigInt(DEFAULT_EPOCH_SECONDS) * NS);
    expect(plain.files.timestamp(123n)).toBe(BigInt(DEFAULT_EPOCH_SECONDS) * NS);
    expect(hex(fill(plain.random, 64))).toBe(RFC8439_A1_1);

    const given = guestSources({ deterministic: true, sourceDateEpoch: 99, deterministicSeed: 7n });
    expect(given.clock.readRealtime()).toBe(99n * NS);
    expect(given.files.timestamp(123n)).toBe(99n * NS);
    expect(hex(fill(given.random, 64))).toBe(hex(seededBytes(7n, 64)));
  });

  it('each call starts the virtual sources anew', () => {
    const a = guestSources({ deterministic: true });
    a.clock.readRealtime();
    fill(a.random, 10);
    const b = guestSources({ deterministic: true });
    expect(b.clock.readRealtime()).toBe(BigInt(DEFAULT_EPOCH_SECONDS) * NS);
    expect(hex(fill(b.random, 64))).toBe(RFC8439_A1_1);
  });
});

describe('ChaCha20 reference (the test oracle)', () => {
  it('matches RFC 8439 2.3.2 and A.1 #1, #2', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const n = Buffer.from('000000090000004a00000000', 'hex');
    expect(hex(chacha20Block(key, 1, n))).toBe(RFC8439_232);
    expect(hex(chacha20Block(new Uint8Array(32), 0, new Uint8Array(12)))).toBe(RFC8439_A1_1);
    expect(hex(chacha20Block(new Uint8Array(32), 1, new Uint8Array(12)))).toBe(RFC8439_A1_2);
  });
});

describe('SeededRandom', () => {
  it('seed 0 is the RFC 8439 keystream of the all-zero key and nonce', () => {
    expect(hex(fill(new SeededRandom(0n), 128))).toBe(RFC8439_A1_1 + RFC8439_A1_2);
  });

  it('the key is the seed little-endian then zeros, nonce 0', () => {
    for (const seed of [1n, 0x0123456789abcdefn, (1n << 64n) - 1n]) {
      expect(hex(fill(new SeededRandom(seed), 200))).toBe(hex(seededBytes(seed, 200)));
    }
    expect(hex(seedKey(0x0102n)).slice(0, 6)).toBe('020100');
  });

  it('requests split any way give the same stream', () => {
    const whole = fill(new SeededRandom(5n), 1000);
    for (const sizes of [
      [1, 2, 3, 4, 5, 985],
      [63, 1, 64, 65, 807],
      [0, 500, 0, 500],
      [7, 7, 7, 979],
    ]) {
      const random = new SeededRandom(5n);
      const parts = sizes.map((n) => fill(random, n));
      expect(hex(Buffer.concat(parts))).toBe(hex(whole));
    }
  });

  it('writes only the span asked for, at its offset', () => {
    const target = new Uint8Array(20).fill(0xaa);
    new SeededRandom(0n).fill(target, 3, 10);
    expect(hex(target)).toBe('aaaaaa' + RFC8439_A1_1.slice(0, 20) + 'aa'.repeat(7));
  });

  it('different seeds differ', () => {
    const streams = [0n, 1n, 2n, 1n << 32n, (1n << 64n) - 1n].map((s) =>
      hex(fill(new SeededRandom(s), 32)),
    );
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('seeds are taken modulo 2^64', () => {
    expect(hex(fill(new SeededRandom(-1n), 32))).toBe(
      hex(fill(new SeededRandom((1n << 64n) - 1n), 32)),
    );
  });

  it('the insecure seed is the start of the nonce-1 keystream, stable and apart from the bytes', () => {
    const random = new SeededRandom(0n);
    expect(hex(random.insecureSeed)).toBe(hex(seededInsecureSeed(0n)));
    expect(hex(random.insecureSeed)).toBe(
      hex(chacha20Block(new Uint8Array(32), 0, nonce(1)).subarray(0, 16)),
    );
    fill(random, 100);
    expect(hex(random.insecureSeed)).toBe(hex(seededInsecureSeed(0n)));
    expect(hex(new SeededRandom(9n).insecureSeed)).toBe(hex(seededInsecureSeed(9n)));
    expect(hex(new SeededRandom(9n).insecureSeed)).not.toBe(hex(random.insecureSeed));
    // Drawing the insecure seed does not consume the byte stream.
    expect(hex(fill(new SeededRandom(0n), 64))).toBe(RFC8439_A1_1);
  });

  it('the host source differs between calls and instances', () => {
    const a = new HostRandom();
    const b = new HostRandom();
    const x = hex(fill(a, 32));
    expect(hex(fill(a, 32))).not.toBe(x);
    expect(hex(fill(b, 32))).not.toBe(x);
    expect(hex(a.insecureSeed)).not.toBe(hex(b.insecureSeed));
    expect(hex(fill(a, 5000))).not.toBe(hex(fill(b, 5000)));
  });
});

describe('VirtualFiles', () => {
  const id = (dev: bigint, ino: bigint) => ({ dev, ino });

  it('numbers inodes 1, 2, 3 in the order first seen, on one device', () => {
    const files = new VirtualFiles(0);
    expect(files.identity(id(66n, 9000n))).toEqual({ dev: VIRTUAL_DEVICE, ino: 1n });
    expect(files.identity(id(66n, 12n))).toEqual({ dev: 1n, ino: 2n });
    expect(files.identity(id(66n, 9000n))).toEqual({ dev: 1n, ino: 1n });
    // The same inode number on another device is another file.
    expect(files.identity(id(67n, 9000n))).toEqual({ dev: 1n, ino: 3n });
    expect(files.identity(id(66n, 12n))).toEqual({ dev: 1n, ino: 2n });
    expect(files.identity(id(1n, 1n))).toEqual({ dev: 1n, ino: 4n });
  });

  it('hard links (same host dev and ino) share one identity; the numbering is per instance', () => {
    const files = new VirtualFiles(0);
    const a = files.identity(id(5n, 77n));
    const link = files.identity(id(5n, 77n));
    expect(link).toEqual(a);
    expect(new VirtualFiles(0).identity(id(5n, 1234n))).toEqual(a);
  });

  it('every timestamp is the epoch', () => {
    const files: GuestFiles = new VirtualFiles(1_600_000_000);
    for (const t of [0n, 1n, 1_700_000_000_123_456_789n])
      expect(files.timestamp(t)).toBe(1_600_000_000n * NS);
    const byDefault: GuestFiles = new VirtualFiles(DEFAULT_EPOCH_SECONDS);
    expect(byDefault.timestamp(5n)).toBe(315_532_800n * NS);
    // A birth time is there whether the host's file system records one (0: not) or not, at epoch 0 too.
    const atZero: GuestFiles = new VirtualFiles(0);
    for (const t of [0n, 7n]) expect(atZero.optionalTimestamp(t)).toBe(0n);
    expect(new HostFiles().optionalTimestamp(0n)).toBeUndefined();
    expect(new HostFiles().optionalTimestamp(7n)).toBe(7n);
  });

  it('directories have size 0 and one link', () => {
    const files: GuestFiles = new VirtualFiles(0);
    expect(files.directory({ size: 4096n, nlink: 7n })).toEqual({
      size: 0n,
      nlink: 1n,
    });
  });

  it('lists by name, byte-wise: uppercase before lowercase, non-UTF-8 bytes last', () => {
    const names = [
      Buffer.from('b'),
      Buffer.from([0xff, 0x41]),
      Buffer.from('a'),
      Buffer.from('B'),
      Buffer.from('ab'),
      Buffer.from('Z'),
      Buffer.from([0xc3, 0xa9]), // é
      Buffer.from('_'),
      Buffer.from('0'),
      Buffer.from('a\u0000'),
      Buffer.from([0x80]),
    ];
    const entries = names.map((name, i) => ({ name, i }));
    const sorted = new VirtualFiles(0).order(entries);
    expect(sorted).toBe(entries); // sorted in place
    expect(sorted.map((e) => hex(e.name))).toEqual(
      ['0', 'B', 'Z', '_', 'a', 'a\u0000', 'ab', 'b']
        .map((s) => hex(Buffer.from(s)))
        .concat(['80', 'c3a9', 'ff41']),
    );
  });

  it('the host files pass everything through', () => {
    const files = new HostFiles();
    expect(files.identity(id(66n, 9000n))).toEqual(id(66n, 9000n));
    expect(files.timestamp(123n)).toBe(123n);
    expect(files.directory({ size: 4096n, nlink: 7n })).toEqual({ size: 4096n, nlink: 7n });
    const entries = [{ name: Buffer.from('b') }, { name: Buffer.from('a') }];
    expect(files.order(entries).map((e) => e.name.toString())).toEqual(['b', 'a']);
  });
});
