/**
 * A plain ChaCha20 keystream (RFC 8439 section 2.3, 32-bit counter, 96-bit nonce), written from
 * the RFC independently of Node's cipher, for the expected bytes of the seeded random source.
 * Checked against the RFC's own test vectors in sources.test.ts.
 */

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

function quarterRound(s: Uint32Array, a: number, b: number, c: number, d: number): void {
  s[a] = (s[a]! + s[b]!) >>> 0;
  s[d] = rotl(s[d]! ^ s[a]!, 16);
  s[c] = (s[c]! + s[d]!) >>> 0;
  s[b] = rotl(s[b]! ^ s[c]!, 12);
  s[a] = (s[a]! + s[b]!) >>> 0;
  s[d] = rotl(s[d]! ^ s[a]!, 8);
  s[c] = (s[c]! + s[d]!) >>> 0;
  s[b] = rotl(s[b]! ^ s[c]!, 7);
}

/** One 64-byte block of keystream. */
export function chacha20Block(key: Uint8Array, counter: number, nonce: Uint8Array): Uint8Array {
  const kv = new DataView(key.buffer, key.byteOffset, 32);
  const nv = new DataView(nonce.buffer, nonce.byteOffset, 12);
  const state = new Uint32Array(16);
  state.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
  for (let i = 0; i < 8; i++) state[4 + i] = kv.getUint32(i * 4, true);
  state[12] = counter >>> 0;
  for (let i = 0; i < 3; i++) state[13 + i] = nv.getUint32(i * 4, true);
  const work = Uint32Array.from(state);
  for (let round = 0; round < 10; round++) {
    quarterRound(work, 0, 4, 8, 12);
    quarterRound(work, 1, 5, 9, 13);
    quarterRound(work, 2, 6, 10, 14);
    quarterRound(work, 3, 7, 11, 15);
    quarterRound(work, 0, 5, 10, 15);
    quarterRound(work, 1, 6, 11, 12);
    quarterRound(work, 2, 7, 8, 13);
    quarterRound(work, 3, 4, 9, 14);
  }
  const out = new Uint8Array(64);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) ov.setUint32(i * 4, (work[i]! + state[i]!) >>> 0, true);
  return out;
}

/** `length` bytes of keystream from block 0. */
export function chacha20Stream(key: Uint8Array, nonce: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0; block * 64 < length; block++) {
    const bytes = chacha20Block(key, block, nonce);
    out.set(bytes.subarray(0, Math.min(64, length - block * 64)), block * 64);
  }
  return out;
}

/** The key the documented seeding makes: the seed as a u64 little-endian, then 24 zero bytes. */
export function seedKey(seed: bigint): Uint8Array {
  const key = new Uint8Array(32);
  new DataView(key.buffer).setBigUint64(0, BigInt.asUintN(64, seed), true);
  return key;
}

/** The 96-bit nonce `n` (little-endian, as RFC 8439 reads its nonce words). */
export function nonce(n: number): Uint8Array {
  const bytes = new Uint8Array(12);
  new DataView(bytes.buffer).setUint32(0, n, true);
  return bytes;
}

/** What the documented `SeededRandom(seed)` must hand out first: the nonce-0 keystream. */
export function seededBytes(seed: bigint, length: number): Uint8Array {
  return chacha20Stream(seedKey(seed), nonce(0), length);
}

/** The documented insecure seed: the first 16 bytes of the nonce-1 keystream. */
export function seededInsecureSeed(seed: bigint): Uint8Array {
  return chacha20Stream(seedKey(seed), nonce(1), 16);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
