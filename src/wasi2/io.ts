/**
 * `wasi:io` (error, poll, streams). Every operation completes synchronously, as upstream's do
 * when it may block the current thread: a read returns the bytes at hand or end of stream, a write
 * is done (and flushed) when it returns, and only clock pollables are ever not ready.
 */
import type { GuestClock } from '../sources/index.js';
import { hostTrap, streamClosed, streamFailure } from './errors.js';

/** Bytes a stream reads or writes per call at most (upstream's write budget for files and stdio). */
export const STREAM_CAPACITY = 1024 * 1024;
/** The `blocking-write-and-flush` limit the WIT sets (upstream traps above it). */
const BLOCKING_WRITE_LIMIT = 4096;

/** `wasi:io/poll.pollable`: ready now, or when a clock reaches a deadline. */
export class Pollable {
  constructor(
    /** When it becomes ready; undefined: always ready. */
    private readonly deadline?: { clock: GuestClock; at: bigint },
  ) {}

  ready(): boolean {
    return this.remaining() === 0n;
  }

  block(): void {
    if (this.deadline !== undefined) this.deadline.clock.sleepUntil(this.deadline.at);
  }

  /** Nanoseconds until ready (0 when ready). */
  remaining(): bigint {
    if (this.deadline === undefined) return 0n;
    const left = this.deadline.at - this.deadline.clock.peekMonotonic();
    return left > 0n ? left : 0n;
  }
}

/**
 * `wasi:io/poll.poll`: the indices of the ready pollables, waiting for the first one if none is.
 * An empty list traps, as upstream's does.
 */
export function poll(pollables: readonly Pollable[]): Uint32Array {
  if (pollables.length === 0) throw hostTrap('empty poll list');
  const readyOnes = () => pollables.flatMap((p, i) => (p.ready() ? [i] : []));
  let ready = readyOnes();
  if (ready.length === 0) {
    const first = pollables.reduce((min, p) => (p.remaining() < min.remaining() ? p : min));
    first.block();
    ready = readyOnes();
  }
  return Uint32Array.from(ready);
}

/** Where an input stream's bytes come from: `undefined` at end of stream; host errors thrown. */
export interface ByteSource {
  read(max: number): Uint8Array | undefined;
}

/** Where an output stream's bytes go; host errors thrown. */
export interface ByteSink {
  write(bytes: Uint8Array): void;
}

function clampLength(len: bigint): number {
  return len > BigInt(STREAM_CAPACITY) ? STREAM_CAPACITY : Number(len);
}

/** `wasi:io/streams.input-stream`. After end of stream or a failure every read is `closed`. */
export class InputStream {
  private closed: boolean;

  constructor(
    private readonly source: ByteSource | undefined,
    private readonly onDispose?: () => void,
  ) {
    this.closed = source === undefined;
  }

  read(len: bigint): Uint8Array {
    if (this.closed || this.source === undefined) throw streamClosed();
    const max = clampLength(len);
    if (max === 0) return new Uint8Array(0);
    let bytes: Uint8Array | undefined;
    try {
      bytes = this.source.read(max);
    } catch (error) {
      this.closed = true;
      throw streamFailure(error);
    }
    if (bytes === undefined) {
      this.closed = true;
      throw streamClosed();
    }
    return bytes;
  }

  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }

  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }

  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }

  subscribe(): Pollable {
    return new Pollable(undefined);
  }

  [Symbol.dispose](): void {
    this.closed = true;
    this.onDispose?.();
  }
}

/** `wasi:io/streams.output-stream`. After a failure every call is `closed`. */
export class OutputStream {
  private closed = false;

  constructor(
    private readonly sink: ByteSink,
    private readonly onDispose?: () => void,
  ) {}

  checkWrite(): bigint {
    if (this.closed) throw streamClosed();
    return BigInt(STREAM_CAPACITY);
  }

  write(contents: Uint8Array): void {
    if (this.closed) throw streamClosed();
    if (contents.length === 0) return;
    try {
      this.sink.write(contents);
    } catch (error) {
      this.closed = true;
      throw streamFailure(error);
    }
  }

  blockingWriteAndFlush(contents: Uint8Array): void {
    if (contents.length > BLOCKING_WRITE_LIMIT) {
      throw hostTrap('Buffer too large for blocking-write-and-flush (expected at most 4096)');
    }
    this.write(contents);
  }

  flush(): void {
    if (this.closed) throw streamClosed();
  }

  blockingFlush(): void {
    this.flush();
  }

  writeZeroes(len: bigint): void {
    if (len > this.checkWrite()) {
      throw hostTrap('cannot write more zeroes than `check_write` allows');
    }
    this.write(new Uint8Array(Number(len)));
  }

  blockingWriteZeroesAndFlush(len: bigint): void {
    if (len > BigInt(BLOCKING_WRITE_LIMIT)) {
      throw hostTrap(
        'Buffer too large for blocking-write-zeroes-and-flush (expected at most 4096)',
      );
    }
    this.write(new Uint8Array(Number(len)));
  }

  /** Moves up to `len` bytes from `src`; its end of stream or failure is this call's error. */
  splice(src: InputStream, len: bigint): bigint {
    const permit = this.checkWrite();
    const n = len < permit ? len : permit;
    if (n === 0n) return 0n;
    const bytes = src.read(n);
    if (bytes.length === 0) return 0n;
    this.write(bytes);
    return BigInt(bytes.length);
  }

  blockingSplice(src: InputStream, len: bigint): bigint {
    return this.splice(src, len);
  }

  subscribe(): Pollable {
    return new Pollable(undefined);
  }

  [Symbol.dispose](): void {
    this.closed = true;
    this.onDispose?.();
  }
}
