/**
 * The random bytes a guest gets during init: the host's cryptographic source, or in deterministic
 * mode a seeded stream ({@link SeededRandom}).
 */
import type { Cipheriv } from 'node:crypto';

export interface GuestRandom {
  /** Fills `target[offset, offset + length)` with the next bytes. */
  fill(target: Uint8Array, offset: number, length: number): void;
  /** 16 bytes for `wasi:random/insecure-seed`, the same on every call of one host. */
  readonly insecureSeed: Uint8Array;
}

const POOL_SIZE = 4096;

/** Loaded on first use: most guests never ask for random bytes, and loading it costs ~10 ms. */
const crypto = () => process.getBuiltinModule('node:crypto');

/**
 * The host's source. `randomFillSync` costs a few microseconds per call whatever the size, and
 * guests ask for a few bytes at a time (hash seeds), so small requests are served from a pool
 * refilled in bulk. Every byte is handed out once.
 */
export class HostRandom implements GuestRandom {
  private readonly pool = new Uint8Array(POOL_SIZE);
  private used = POOL_SIZE;
  private seed: Uint8Array | undefined;

  get insecureSeed(): Uint8Array {
    return (this.seed ??= crypto().randomFillSync(new Uint8Array(16)));
  }

  fill(target: Uint8Array, offset: number, length: number): void {
    if (length > POOL_SIZE / 4) {
      crypto().randomFillSync(target, offset, length);
      return;
    }
    if (this.used + length > POOL_SIZE) {
      crypto().randomFillSync(this.pool);
      this.used = 0;
    }
    target.set(this.pool.subarray(this.used, this.used + length), offset);
    this.pool.fill(0, this.used, this.used + length);
    this.used += length;
  }
}

/**
 * The ChaCha20 keystream (RFC 8439) under a key made of the seed (a u64, 8 bytes little-endian)
 * followed by 24 zero bytes, block counter from 0: nonce 0 for the random bytes, which every
 * request takes in order, and nonce 1 for the insecure seed (its first 16 bytes). A standard
 * cipher, so any implementation can reproduce the bytes a guest saw.
 */
export class SeededRandom implements GuestRandom {
  private readonly stream: Cipheriv;
  readonly insecureSeed: Uint8Array;
  /** Keystream made ahead in blocks (guests ask for a few bytes at a time), handed out in order. */
  private pool = new Uint8Array(0);
  private used = 0;

  constructor(seed: bigint) {
    this.stream = keystream(seed, 0);
    this.insecureSeed = new Uint8Array(keystream(seed, 1).update(new Uint8Array(16)));
  }

  fill(target: Uint8Array, offset: number, length: number): void {
    let at = offset;
    const end = offset + length;
    while (at < end) {
      if (this.used === this.pool.length) {
        // Encrypting zeros gives the keystream itself.
        this.pool = new Uint8Array(
          this.stream.update(new Uint8Array(Math.max(POOL_SIZE, end - at))),
        );
        this.used = 0;
      }
      const n = Math.min(end - at, this.pool.length - this.used);
      target.set(this.pool.subarray(this.used, this.used + n), at);
      this.used += n;
      at += n;
    }
  }
}

function keystream(seed: bigint, nonce: number): Cipheriv {
  const key = new Uint8Array(32);
  new DataView(key.buffer).setBigUint64(0, BigInt.asUintN(64, seed), true);
  // Node's IV for chacha20: the 32-bit block counter, then the 96-bit nonce, little-endian.
  const iv = new Uint8Array(16);
  new DataView(iv.buffer).setUint32(4, nonce, true);
  return crypto().createCipheriv('chacha20', key, iv);
}
