/**
 * Deterministic mode end to end: a guest whose init reads both clocks, the resolution, random
 * bytes, polls a clock and stats and lists its preopen, wizened by `wizen()`. The snapshot holds
 * exactly the documented values, and two checkouts of its input tree (other paths, times,
 * creation order) give byte-identical outputs; without the mode two runs differ.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MONOTONIC_START_NS, STEP_NS } from '../../src/sources/clock.js';
import { wizen } from '../../src/wizer/index.js';
import { tempDir, wat } from '../helpers/tools.js';
import { hex, seededBytes } from './chacha20.js';
import { SORTED_NAMES, makeCheckout } from './tree.js';

const NS = 1_000_000_000n;

const GUEST = `
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $time (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get" (func $res (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $pstat (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir"
    (func $readdir (param i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 1000) "zeta")
  (global $errors (mut i32) (i32.const 0))
  (func $check (param i32) (global.set $errors (i32.or (global.get $errors) (local.get 0))))
  (func (export "wizer-initialize")
    ;; 0: realtime, 8: monotonic, 16: realtime resolution
    (call $check (call $time (i32.const 0) (i64.const 1) (i32.const 0)))
    (call $check (call $time (i32.const 1) (i64.const 1) (i32.const 8)))
    (call $check (call $res (i32.const 0) (i32.const 16)))
    ;; 64: 32 random bytes, in two requests
    (call $check (call $random (i32.const 64) (i32.const 11)))
    (call $check (call $random (i32.const 75) (i32.const 21)))
    ;; a relative monotonic subscription of 2 s at 128, its event at 192, the count at 24
    (i64.store (i32.const 128) (i64.const 0x77))
    (i32.store8 (i32.const 136) (i32.const 0))
    (i32.store (i32.const 144) (i32.const 1))
    (i64.store (i32.const 152) (i64.const 2000000000))
    (i32.store16 (i32.const 168) (i32.const 0))
    (call $check (call $poll (i32.const 128) (i32.const 192) (i32.const 1) (i32.const 24)))
    ;; 32: monotonic after the poll
    (call $check (call $time (i32.const 1) (i64.const 1) (i32.const 32)))
    ;; 256: filestat of zeta
    (call $check (call $pstat (i32.const 3) (i32.const 0) (i32.const 1000) (i32.const 4)
      (i32.const 256)))
    ;; 1024: the preopen's listing, its size at 40
    (call $check (call $readdir (i32.const 3) (i32.const 1024) (i32.const 2048) (i64.const 0)
      (i32.const 40)))
    (i32.store (i32.const 44) (global.get $errors)))
)`;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function temp(): string {
  const dir = tempDir('wizer-det-wizen-');
  cleanups.push(dir.cleanup);
  return dir.path;
}

async function run(
  root: string,
  options: { deterministic: boolean; sourceDateEpoch?: number; deterministicSeed?: bigint },
): Promise<Uint8Array> {
  const { wasm } = await wizen(await wat(GUEST), {
    allowWasi: true,
    inheritStdio: false,
    inheritEnv: false,
    env: [],
    preopens: [{ guest: '/sb', host: root }],
    ...options,
  });
  return wasm;
}

/** The snapshot's memory (its imports must not be called). */
function memoryOf(wasm: Uint8Array): DataView {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports: Record<string, Record<string, () => never>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    (imports[from] ??= {})[name] = () => {
      throw new Error(`snapshot called ${from}::${name}`);
    };
  }
  const instance = new WebAssembly.Instance(module, imports);
  return new DataView((instance.exports.memory as WebAssembly.Memory).buffer);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('wizen() in deterministic mode', () => {
  it('the snapshot holds the documented clock, random, poll and file values', async () => {
    const E = 1_600_000_000n * NS;
    const S = STEP_NS;
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const mem = memoryOf(
      await run(root, {
        deterministic: true,
        sourceDateEpoch: 1_600_000_000,
        deterministicSeed: 9n,
      }),
    );
    expect(mem.getUint32(44, true)).toBe(0); // every call succeeded
    expect(mem.getBigUint64(0, true)).toBe(E);
    expect(mem.getBigUint64(8, true)).toBe(MONOTONIC_START_NS + S);
    expect(mem.getBigUint64(16, true)).toBe(1n);
    expect(hex(new Uint8Array(mem.buffer, 64, 32))).toBe(hex(seededBytes(9n, 32)));
    expect(mem.getUint32(24, true)).toBe(1);
    expect(mem.getBigUint64(192, true)).toBe(0x77n); // the event's userdata
    expect(mem.getUint16(200, true)).toBe(0); // no error
    expect(mem.getUint8(202)).toBe(0); // a clock event
    expect(mem.getBigUint64(32, true)).toBe(MONOTONIC_START_NS + 2n * S + 2n * NS);
    // zeta: device 1, the first inode the guest saw, times at the epoch.
    expect(mem.getBigUint64(256, true)).toBe(1n);
    expect(mem.getBigUint64(264, true)).toBe(1n);
    expect(mem.getUint8(272)).toBe(4);
    expect(mem.getBigUint64(288, true)).toBe(12n);
    for (const at of [296, 304, 312]) expect(mem.getBigUint64(at, true)).toBe(E);
    // The listing: `.` and `..`, then by name; inode numbers in the order first seen.
    const used = mem.getUint32(40, true);
    const listing: Array<[string, bigint]> = [];
    for (let at = 1024; at < 1024 + used;) {
      const len = mem.getUint32(at + 16, true);
      listing.push([
        Buffer.from(mem.buffer, at + 24, len).toString('latin1'),
        mem.getBigUint64(at + 8, true),
      ]);
      at += 24 + len;
    }
    const ino: Record<string, bigint> = {
      '.': 2n,
      '..': 2n,
      Alpha: 3n,
      _sym: 4n,
      alpha: 5n,
      beta: 6n,
      'beta-link': 6n,
      mid: 7n,
      zeta: 1n,
    };
    expect(listing).toEqual(['.', '..', ...SORTED_NAMES].map((n) => [n, ino[n]]));
  });

  it('checkouts at other paths, times and creation orders give the same bytes', async () => {
    const base = temp();
    const a = makeCheckout(join(base, 'one'), 'a');
    const b = makeCheckout(join(base, 'two', 'elsewhere'), 'b');
    const first = sha256(await run(a, { deterministic: true }));
    expect(sha256(await run(b, { deterministic: true }))).toBe(first);
    expect(sha256(await run(a, { deterministic: true }))).toBe(first);
    // The seed and epoch are inputs.
    expect(sha256(await run(a, { deterministic: true, deterministicSeed: 1n }))).not.toBe(first);
    expect(sha256(await run(a, { deterministic: true, sourceDateEpoch: 1 }))).not.toBe(first);
  });

  it('without the mode, two runs differ (time and random bytes are the host’s)', async () => {
    const root = makeCheckout(join(temp(), 'a'), 'a');
    const one = memoryOf(await run(root, { deterministic: false }));
    const two = memoryOf(await run(root, { deterministic: false }));
    expect(one.getBigUint64(0, true)).not.toBe(two.getBigUint64(0, true));
    expect(hex(new Uint8Array(one.buffer, 64, 32))).not.toBe(
      hex(new Uint8Array(two.buffer, 64, 32)),
    );
    const wall = BigInt(Date.now()) * 1_000_000n;
    const real = two.getBigUint64(0, true);
    expect(real > wall - 60n * NS && real <= wall).toBe(true);
    // The poll really waited about 2 s of monotonic time.
    expect(one.getBigUint64(32, true) - one.getBigUint64(8, true) >= 2n * NS).toBe(true);
  }, 20_000);
});
