/**
 * `wasi:random` (random, insecure, insecure-seed), all from the host's cryptographic source. The
 * insecure seed is drawn once per host, as upstream draws it once per context.
 */
import { randomBytes } from 'node:crypto';
import { hostTrap } from './errors.js';

/** Upstream's cap on one request (`DEFAULT_MAX_SIZE`): larger ones trap. */
const MAX_REQUEST = 64n << 20n;

function bytes(len: bigint): Uint8Array {
  if (len > MAX_REQUEST) throw hostTrap(`requested len ${len} exceeds limit ${MAX_REQUEST}`);
  return new Uint8Array(randomBytes(Number(len)));
}

function u64(): bigint {
  return randomBytes(8).readBigUInt64LE(0);
}

export function createRandom(): { random: object; insecure: object; insecureSeed: object } {
  const seed: [bigint, bigint] = [u64(), u64()];
  return {
    random: { getRandomBytes: bytes, getRandomU64: u64 },
    insecure: { getInsecureRandomBytes: bytes, getInsecureRandomU64: u64 },
    insecureSeed: { insecureSeed: (): [bigint, bigint] => [seed[0], seed[1]] },
  };
}
