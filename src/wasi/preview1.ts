/**
 * The `wasi_snapshot_preview1` import functions: argument checks and memory layout around the
 * host-side calls. Each returns an errno; traps (bad pointers, bad enum or flag values, proc_exit)
 * are thrown as `GuestTrap`.
 */
import { GuestTrap, ProcExit } from '../errors.js';
import { Clockid, Errno, Eventtype, SUBCLOCK_ABSTIME } from './constants.js';
import type { DescriptorTable } from './descriptors.js';
import { errnoOf, WasiErrno } from './errno.js';
import type { Filesystem } from './filesystem.js';
import type { FileIo, Stdio } from './io.js';
import type { GuestClock, GuestSources } from '../sources/index.js';
import { invalidEnum, invalidFlags, type GuestMemory } from './memory.js';
import { writeDirEntries, writeFilestat } from './layout.js';
import { createPathImports } from './preview1-paths.js';

export type WasiFunction = (...args: never[]) => number;

export interface Preview1Context {
  readonly memory: GuestMemory;
  readonly table: DescriptorTable;
  readonly fs: Filesystem;
  readonly io: FileIo;
  readonly stdio: Stdio;
  /** `KEY=value\0` entries, already encoded. */
  readonly environ: readonly Uint8Array[];
  /** Clocks and random bytes (the host's, or virtual in deterministic mode). */
  readonly sources: GuestSources;
}

const MAX_EXIT_STATUS = 126;

/** A reading of a clock, in nanoseconds. */
function readClock(clock: GuestClock, id: number): bigint {
  return id === Clockid.realtime ? clock.readRealtime() : clock.readMonotonic();
}

function checkClock(func: string, id: number): void {
  if (id === Clockid.realtime || id === Clockid.monotonic) return;
  if (id === Clockid.processCputime || id === Clockid.threadCputime)
    throw new WasiErrno(Errno.badf);
  throw invalidEnum(func, 'Clockid');
}

/** The first non-empty buffer of an iovec list: [pointer, length], or [0, 0] if all are empty. */
function firstBuffer(memory: GuestMemory, iovs: number, count: number): [number, number] {
  for (let i = 0; i < count; i++) {
    // Field by field, as upstream reads them (so a bad pointer is reported with len 4).
    const ptr = memory.u32(iovs + i * 8);
    const len = memory.u32(iovs + i * 8 + 4);
    if (len !== 0) {
      memory.check(ptr, len);
      return [ptr, len];
    }
  }
  return [0, 0];
}

export function createImports(cx: Preview1Context): Record<string, WasiFunction> {
  const { memory, table, fs, io } = cx;
  const environSize = cx.environ.reduce((sum, entry) => sum + entry.length, 0);
  const { clock, random } = cx.sources;

  const transfer =
    (func: string, kind: 'read' | 'write') =>
    (fd: number, iovs: number, count: number, resultPtr: number): number => {
      try {
        memory.require();
        const [ptr, len] = firstBuffer(memory, iovs >>> 0, count >>> 0);
        const bytes = memory.check(ptr, len);
        const n =
          kind === 'read'
            ? io.read(fd >>> 0, bytes, ptr, len)
            : io.write(fd >>> 0, bytes, ptr, len);
        memory.writeU32(func, 'size', resultPtr >>> 0, n);
        return Errno.success;
      } catch (error) {
        return errnoOf(error);
      }
    };

  const positioned =
    (func: string, kind: 'read' | 'write') =>
    (fd: number, iovs: number, count: number, at: bigint, resultPtr: number): number => {
      try {
        memory.require();
        const [ptr, len] = firstBuffer(memory, iovs >>> 0, count >>> 0);
        const bytes = memory.check(ptr, len);
        const n =
          kind === 'read'
            ? io.pread(fd >>> 0, bytes, ptr, len, at)
            : io.pwrite(fd >>> 0, bytes, ptr, len, at);
        memory.writeU32(func, 'size', resultPtr >>> 0, n);
        return Errno.success;
      } catch (error) {
        return errnoOf(error);
      }
    };

  /** For calls that only act on a descriptor: runs `body` and maps failures to an errno. */
  const simple = (body: () => void): number => {
    try {
      memory.require();
      body();
      return Errno.success;
    } catch (error) {
      return errnoOf(error);
    }
  };

  const existsThenNotSocket = (fd: number): number =>
    simple(() => {
      table.get(fd >>> 0);
      throw new WasiErrno(Errno.notsock);
    });

  return {
    args_get: () => simple(() => undefined),
    args_sizes_get: (argcPtr: number, sizePtr: number) =>
      simple(() => {
        memory.writeU32('args_sizes_get', 'size', argcPtr >>> 0, 0);
        memory.writeU32('args_sizes_get', 'size', sizePtr >>> 0, 0);
      }),
    environ_get: (environPtr: number, bufPtr: number) =>
      simple(() => {
        let at = bufPtr >>> 0;
        const list = environPtr >>> 0;
        memory.check(list, cx.environ.length * 4);
        memory.check(at, environSize);
        cx.environ.forEach((entry, i) => {
          memory.writeU32('environ_get', 'pointer', list + i * 4, at);
          memory.check(at, entry.length).set(entry, at);
          at += entry.length;
        });
      }),
    environ_sizes_get: (countPtr: number, sizePtr: number) =>
      simple(() => {
        memory.writeU32('environ_sizes_get', 'size', countPtr >>> 0, cx.environ.length);
        memory.writeU32('environ_sizes_get', 'size', sizePtr >>> 0, environSize);
      }),
    clock_res_get: (id: number, resultPtr: number) =>
      simple(() => {
        checkClock('clock_res_get', id >>> 0);
        memory.writeU64Number('clock_res_get', 'timestamp', resultPtr >>> 0, 1);
      }),
    clock_time_get: (id: number, _precision: bigint, resultPtr: number) => {
      try {
        memory.require();
        checkClock('clock_time_get', id >>> 0);
        memory.writeU64('clock_time_get', 'timestamp', resultPtr >>> 0, readClock(clock, id));
        return Errno.success;
      } catch (error) {
        return errnoOf(error);
      }
    },
    random_get: (ptr: number, len: number) => {
      try {
        memory.require();
        const bytes = memory.check(ptr >>> 0, len >>> 0);
        random.fill(bytes, ptr >>> 0, len >>> 0);
        return Errno.success;
      } catch (error) {
        return errnoOf(error);
      }
    },
    fd_read: transfer('fd_read', 'read'),
    fd_write: transfer('fd_write', 'write'),
    fd_pread: positioned('fd_pread', 'read'),
    fd_pwrite: positioned('fd_pwrite', 'write'),
    fd_seek: (fd: number, delta: bigint, whence: number, resultPtr: number) =>
      simple(() => {
        if (whence >>> 0 > 2) throw invalidEnum('fd_seek', 'Whence');
        const position = io.seek(fd >>> 0, delta, whence >>> 0);
        memory.writeU64Number('fd_seek', 'filesize', resultPtr >>> 0, position);
      }),
    fd_tell: (fd: number, resultPtr: number) =>
      simple(() => {
        const position = io.seek(fd >>> 0, 0n, 1);
        memory.writeU64Number('fd_tell', 'filesize', resultPtr >>> 0, position);
      }),
    fd_close: (fd: number) => simple(() => table.close(fd >>> 0)),
    fd_renumber: (from: number, to: number) => simple(() => table.renumber(from >>> 0, to >>> 0)),
    fd_advise: (fd: number, _offset: bigint, _len: bigint, advice: number) =>
      simple(() => {
        if (advice >>> 0 > 5) throw invalidEnum('fd_advise', 'Advice');
        table.file(fd >>> 0);
      }),
    fd_allocate: (fd: number) =>
      simple(() => {
        table.file(fd >>> 0);
        throw new WasiErrno(Errno.notsup);
      }),
    fd_datasync: (fd: number) => simple(() => io.sync(fd >>> 0, true)),
    fd_sync: (fd: number) => simple(() => io.sync(fd >>> 0, false)),
    fd_fdstat_get: (fd: number, resultPtr: number) =>
      simple(() => {
        const stat = fs.fdstat(fd >>> 0, (stream) => cx.stdio.isTty(stream));
        const ptr = resultPtr >>> 0;
        const view = memory.result('fd_fdstat_get', 'fdstat', ptr, 24, 8);
        view.setUint32(ptr, 0, true);
        view.setUint32(ptr + 4, 0, true);
        view.setUint8(ptr, stat.filetype);
        view.setUint16(ptr + 2, stat.flags, true);
        view.setBigUint64(ptr + 8, stat.rightsBase, true);
        view.setBigUint64(ptr + 16, stat.rightsInheriting, true);
      }),
    fd_fdstat_set_flags: (fd: number, flags: number) =>
      simple(() => {
        if ((flags >>> 0) & ~31) throw invalidFlags('fd_fdstat_set_flags', 'Fdflags');
        fs.setFdflags(fd >>> 0, flags >>> 0);
      }),
    fd_fdstat_set_rights: (fd: number) => simple(() => fs.setRights(fd >>> 0)),
    fd_filestat_get: (fd: number, resultPtr: number) =>
      simple(() =>
        writeFilestat(
          memory,
          'fd_filestat_get',
          resultPtr >>> 0,
          fs.filestat(fd >>> 0, (s) => cx.stdio.isTty(s)),
        ),
      ),
    fd_filestat_set_size: (fd: number, size: bigint) => simple(() => fs.setSize(fd >>> 0, size)),
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, flags: number) =>
      simple(() => {
        if ((flags >>> 0) & ~15) throw invalidFlags('fd_filestat_set_times', 'Fstflags');
        fs.setTimes(fd >>> 0, atim, mtim, flags >>> 0);
      }),
    fd_prestat_get: (fd: number, resultPtr: number) =>
      simple(() => {
        const name = Buffer.byteLength(fs.prestatName(fd >>> 0, false));
        const ptr = resultPtr >>> 0;
        const view = memory.result('fd_prestat_get', 'prestat', ptr, 8, 4);
        view.setUint32(ptr, 0, true);
        view.setUint32(ptr + 4, name, true);
      }),
    fd_prestat_dir_name: (fd: number, ptr: number, len: number) =>
      simple(() => {
        const name = Buffer.from(fs.prestatName(fd >>> 0, true));
        if (len >>> 0 < name.length) throw new WasiErrno(Errno.nametoolong);
        memory.check(ptr >>> 0, name.length).set(name, ptr >>> 0);
      }),
    fd_readdir: (fd: number, bufPtr: number, bufLen: number, cookie: bigint, resultPtr: number) =>
      simple(() => {
        const used = writeDirEntries(
          memory,
          bufPtr >>> 0,
          bufLen >>> 0,
          fs.readdir(fd >>> 0),
          cookie,
        );
        memory.writeU32('fd_readdir', 'size', resultPtr >>> 0, used);
      }),
    ...createPathImports(cx, simple),
    poll_oneoff: (inPtr: number, outPtr: number, count: number, resultPtr: number) =>
      simple(() => {
        const n = pollOneoff(cx, inPtr >>> 0, outPtr >>> 0, count >>> 0);
        memory.writeU32('poll_oneoff', 'size', resultPtr >>> 0, n);
      }),
    proc_exit: (code: number): never => {
      memory.require();
      if (code >>> 0 >= MAX_EXIT_STATUS)
        throw new GuestTrap('exit with invalid exit status outside of [0..126)');
      throw new ProcExit(code >>> 0);
    },
    proc_raise: () =>
      simple(() => {
        throw new WasiErrno(Errno.notsup);
      }),
    sched_yield: () => simple(() => undefined),
    sock_accept: existsThenNotSocket,
    sock_recv: existsThenNotSocket,
    sock_send: existsThenNotSocket,
    sock_shutdown: existsThenNotSocket,
  };
}

/** Waits for the earliest clock subscription unless a descriptor one is ready (they always are). */
function pollOneoff(cx: Preview1Context, inPtr: number, outPtr: number, count: number): number {
  if (count === 0) throw new WasiErrno(Errno.inval);
  const { memory } = cx;
  const { clock } = cx.sources;
  memory.check(inPtr, count * 48);
  memory.check(outPtr, count * 32);
  const ready: Array<{ userdata: bigint; type: number }> = [];
  const clocks: Array<{ userdata: bigint; waitNs: bigint }> = [];
  for (let i = 0; i < count; i++) {
    const view = memory.view();
    const sub = inPtr + i * 48;
    const userdata = view.getBigUint64(sub, true);
    const tag = view.getUint8(sub + 8);
    if (tag === Eventtype.clock) {
      const id = view.getUint32(sub + 16, true);
      if (id !== Clockid.realtime && id !== Clockid.monotonic) throw new WasiErrno(Errno.inval);
      const timeoutNs = view.getBigUint64(sub + 24, true);
      const absolute = (view.getUint16(sub + 40, true) & SUBCLOCK_ABSTIME) !== 0;
      // Not a reading: a virtual clock must reach an absolute deadline exactly.
      const now = id === Clockid.realtime ? clock.peekRealtime() : clock.peekMonotonic();
      const waitNs = absolute ? timeoutNs - now : timeoutNs;
      clocks.push({ userdata, waitNs });
    } else if (tag === Eventtype.fdRead || tag === Eventtype.fdWrite) {
      cx.table.get(view.getUint32(sub + 16, true));
      ready.push({ userdata, type: tag });
    } else {
      throw new WasiErrno(Errno.inval);
    }
  }
  const events: Array<{ userdata: bigint; type: number; nbytes: bigint }> = ready.map((r) => ({
    ...r,
    nbytes: 1n,
  }));
  if (events.length === 0 && clocks.length > 0) {
    // A virtual clock completes the wait at once, advancing by it.
    const wait = clocks.reduce((min, c) => (c.waitNs < min ? c.waitNs : min), clocks[0]!.waitNs);
    if (wait > 0n) clock.sleepUntil(clock.peekMonotonic() + wait);
    for (const c of clocks)
      if (c.waitNs <= wait)
        events.push({ userdata: c.userdata, type: Eventtype.clock, nbytes: 0n });
  } else {
    for (const c of clocks)
      if (c.waitNs <= 0n) events.push({ userdata: c.userdata, type: Eventtype.clock, nbytes: 0n });
  }
  const view = memory.view();
  events.forEach((event, i) => {
    const at = outPtr + i * 32;
    for (let b = 0; b < 32; b += 8) view.setBigUint64(at + b, 0n, true);
    view.setBigUint64(at, event.userdata, true);
    view.setUint8(at + 10, event.type);
    view.setBigUint64(at + 16, event.nbytes, true);
  });
  return events.length;
}
