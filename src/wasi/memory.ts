/**
 * Checked access to the guest's exported memory. Views are cached per `memory.buffer` (it changes
 * when the guest grows its memory), so each access costs one identity check. Bad pointers trap
 * with upstream's wording (wiggle's `GuestError` messages).
 */
import { GuestTrap } from '../errors.js';
import { Errno } from './constants.js';
import { WasiErrno } from './errno.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const TWO_32 = 0x1_0000_0000;

/** "In func wasi_snapshot_preview1::NAME at write TYPE: REASON", caused by REASON. */
export function contextTrap(func: string, what: string, reason: string): GuestTrap {
  return new GuestTrap(`In func wasi_snapshot_preview1::${func} at ${what}: ${reason}`, {
    cause: new GuestTrap(reason),
  });
}

export function invalidEnum(func: string, type: string): GuestTrap {
  return contextTrap(func, `convert ${type}`, `Invalid enum value ${type}`);
}

export function invalidFlags(func: string, type: string): GuestTrap {
  return contextTrap(func, `convert ${type}`, `Invalid flag value ${type}`);
}

function outOfBounds(ptr: number, len: number): string {
  return `Pointer out of bounds: Region { start: ${ptr}, len: ${len} }`;
}

export class GuestMemory {
  private memory: WebAssembly.Memory | undefined;
  private buffer: ArrayBuffer | undefined;
  private u8view = new Uint8Array(0);
  private dataView = new DataView(new ArrayBuffer(0));

  bind(memory: WebAssembly.Memory | undefined): void {
    this.memory = memory;
    this.buffer = undefined;
  }

  /** Every preview1 call needs the memory export, even those that never touch it (as upstream). */
  require(): void {
    if (this.memory === undefined) throw new GuestTrap('missing required memory export');
  }

  private refresh(): void {
    const memory = this.memory;
    if (memory === undefined) throw new GuestTrap('missing required memory export');
    if (memory.buffer !== this.buffer) {
      this.buffer = memory.buffer;
      this.u8view = new Uint8Array(this.buffer);
      this.dataView = new DataView(this.buffer);
    }
  }

  /** Traps unless `[ptr, ptr + len)` lies inside memory; returns the current byte view. */
  check(ptr: number, len: number): Uint8Array {
    this.refresh();
    if (ptr + len > this.u8view.length) throw new GuestTrap(outOfBounds(ptr, len));
    return this.u8view;
  }

  /** Like `check` for a typed value written as a function result (alignment checked too). */
  private checkResult(func: string, type: string, ptr: number, size: number): DataView {
    this.refresh();
    if (ptr % size !== 0) {
      throw contextTrap(
        func,
        `write ${type}`,
        `Pointer not aligned to ${size}: Region { start: ${ptr}, len: ${size} }`,
      );
    }
    if (ptr + size > this.u8view.length) {
      throw contextTrap(func, `write ${type}`, outOfBounds(ptr, size));
    }
    return this.dataView;
  }

  view(): DataView {
    this.refresh();
    return this.dataView;
  }

  bytes(ptr: number, len: number): Uint8Array {
    return this.check(ptr, len).subarray(ptr, ptr + len);
  }

  /** A guest string (ptr, len); invalid UTF-8 is EILSEQ as upstream. */
  string(ptr: number, len: number): string {
    const bytes = this.bytes(ptr, len);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new WasiErrno(Errno.ilseq);
    }
  }

  u32(ptr: number): number {
    this.check(ptr, 4);
    return this.dataView.getUint32(ptr, true);
  }

  writeU32(func: string, type: string, ptr: number, value: number): void {
    this.checkResult(func, type, ptr, 4).setUint32(ptr, value, true);
  }

  /** Writes a u64 given as a non-negative double (exact below 2^53), without allocating a BigInt. */
  writeU64Number(func: string, type: string, ptr: number, value: number): void {
    const view = this.checkResult(func, type, ptr, 8);
    const high = Math.floor(value / TWO_32);
    view.setUint32(ptr, value - high * TWO_32, true);
    view.setUint32(ptr + 4, high, true);
  }

  writeU64(func: string, type: string, ptr: number, value: bigint): void {
    this.checkResult(func, type, ptr, 8).setBigUint64(ptr, value, true);
  }

  /** Checks a struct result of `size` bytes aligned to `align`; returns the view to fill it. */
  result(func: string, type: string, ptr: number, size: number, align: number): DataView {
    this.refresh();
    if (ptr % align !== 0) {
      throw contextTrap(
        func,
        `write ${type}`,
        `Pointer not aligned to ${align}: Region { start: ${ptr}, len: ${size} }`,
      );
    }
    if (ptr + size > this.u8view.length) {
      throw contextTrap(func, `write ${type}`, outOfBounds(ptr, size));
    }
    return this.dataView;
  }
}
