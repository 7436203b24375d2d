/**
 * `random_get` bytes. `randomFillSync` costs a few microseconds per call whatever the size, and
 * guests ask for a few bytes at a time (hash seeds), so small requests are served from a pool
 * refilled in bulk. Every byte is handed out once.
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;

export class RandomSource {
  private readonly pool = new Uint8Array(POOL_SIZE);
  private used = POOL_SIZE;

  fill(target: Uint8Array, offset: number, length: number): void {
    if (length > POOL_SIZE / 4) {
      randomFillSync(target, offset, length);
      return;
    }
    if (this.used + length > POOL_SIZE) {
      randomFillSync(this.pool);
      this.used = 0;
    }
    target.set(this.pool.subarray(this.used, this.used + length), offset);
    this.pool.fill(0, this.used, this.used + length);
    this.used += length;
  }
}
