/**
 * Host descriptors shared by several resources. A file's descriptor is used by the `descriptor`
 * resource and by every stream made from it; a preopen's by every `descriptor` that
 * `get-directories` hands out. The descriptor stays open while any of them is alive and is never
 * used after it is closed: a closed number can be reused by the host for an unrelated file, and a
 * directory is reached through `/proc/self/fd/N`, so a stale number could lead out of the sandbox.
 */
import { closeSync } from 'node:fs';
import { fail } from './errors.js';

/** Every host descriptor a WASI 0.2 host opened, so that closing the host closes them all. */
export class HandleRegistry {
  private readonly open = new Set<HostHandle>();

  /** Registers a descriptor just opened; the caller holds the first reference. */
  adopt(fd: number): HostHandle {
    const handle = new HostHandle(fd, this.open);
    this.open.add(handle);
    return handle;
  }

  /** Closes every descriptor still open, whatever its references. */
  closeAll(): void {
    for (const handle of [...this.open]) handle.forceClose();
  }
}

/** One host descriptor with a reference count. */
export class HostHandle {
  private refs = 1;
  private closed = false;

  constructor(
    private readonly number: number,
    private readonly registry: Set<HostHandle>,
  ) {}

  /** The host descriptor; a closed one is `bad-descriptor`, never a stale number. */
  get fd(): number {
    if (this.closed) fail('bad-descriptor');
    return this.number;
  }

  retain(): this {
    if (this.closed) fail('bad-descriptor');
    this.refs++;
    return this;
  }

  release(): void {
    if (this.closed) return;
    if (--this.refs === 0) this.forceClose();
  }

  forceClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.registry.delete(this);
    try {
      closeSync(this.number);
    } catch {
      // Already closed on the host: nothing left to release.
    }
  }
}
