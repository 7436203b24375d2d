/**
 * `wasi:random` (random, insecure, insecure-seed), all from one source: the host's cryptographic
 * one, or in deterministic mode the seeded stream (src/sources/random.ts). The insecure seed is
 * drawn once per host, as upstream draws it once per context.
 */
import type { GuestRandom } from '../sources/index.js';
import { hostTrap } from './errors.js';

/** Upstream's cap on one request (`DEFAULT_MAX_SIZE`): larger ones trap. */
const MAX_REQUEST = 64n << 20n;

export function createRandom(source: GuestRandom): {
  random: object;
  insecure: object;
  insecureSeed: object;
} {
  const bytes = (len: bigint): Uint8Array => {
    if (len > MAX_REQUEST) throw hostTrap(`requested len ${len} exceeds limit ${MAX_REQUEST}`);
    const out = new Uint8Array(Number(len));
    source.fill(out, 0, out.length);
    return out;
  };
  const u64 = (): bigint => new DataView(bytes(8n).buffer).getBigUint64(0, true);
  const seed = new DataView(source.insecureSeed.buffer, source.insecureSeed.byteOffset, 16);
  return {
    random: { getRandomBytes: bytes, getRandomU64: u64 },
    insecure: { getInsecureRandomBytes: bytes, getInsecureRandomU64: u64 },
    insecureSeed: {
      insecureSeed: (): [bigint, bigint] => [
        seed.getBigUint64(0, true),
        seed.getBigUint64(8, true),
      ],
    },
  };
}
