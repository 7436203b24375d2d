/** The `path_*` import functions of `wasi_snapshot_preview1`. */
import { GuestTrap } from '../errors.js';
import { Fdflags, Fstflags, Oflags, Rights } from './constants.js';
import { writeFilestat } from './layout.js';
import { invalidFlags } from './memory.js';
import type { Preview1Context, WasiFunction } from './preview1.js';

type Simple = (body: () => void) => number;

/** Wiggle converts i64 rights to u64 first (negative: an integer conversion error), then checks bits. */
function checkRights(value: bigint): void {
  if (value < 0n) {
    const reason = 'Int conversion error: TryFromIntError(())';
    throw new GuestTrap(`In func wasi_snapshot_preview1::path_open at convert Rights: ${reason}`, {
      cause: new GuestTrap(reason, {
        cause: new GuestTrap('out of range integral type conversion attempted'),
      }),
    });
  }
  if ((value & ~Rights.all) !== 0n) throw invalidFlags('path_open', 'Rights');
}

export function createPathImports(
  cx: Preview1Context,
  simple: Simple,
): Record<string, WasiFunction> {
  const { memory, fs } = cx;
  const str = (ptr: number, len: number): string => memory.string(ptr >>> 0, len >>> 0);
  const lookupFlags = (func: string, flags: number): number => {
    if ((flags >>> 0) & ~1) throw invalidFlags(func, 'Lookupflags');
    return flags >>> 0;
  };
  return {
    path_open: (
      dirfd: number,
      dirflags: number,
      pathPtr: number,
      pathLen: number,
      oflags: number,
      rightsBase: bigint,
      rightsInheriting: bigint,
      fdflags: number,
      resultPtr: number,
    ) =>
      simple(() => {
        const lookup = lookupFlags('path_open', dirflags);
        if ((oflags >>> 0) & ~Oflags.all) throw invalidFlags('path_open', 'Oflags');
        checkRights(rightsBase);
        checkRights(rightsInheriting);
        if ((fdflags >>> 0) & ~Fdflags.all) throw invalidFlags('path_open', 'Fdflags');
        const path = str(pathPtr, pathLen);
        const fd = fs.pathOpen(dirfd >>> 0, lookup, path, oflags >>> 0, rightsBase, fdflags >>> 0);
        memory.writeU32('path_open', 'fd', resultPtr >>> 0, fd);
      }),
    path_filestat_get: (
      dirfd: number,
      flags: number,
      pathPtr: number,
      pathLen: number,
      resultPtr: number,
    ) =>
      simple(() => {
        const lookup = lookupFlags('path_filestat_get', flags);
        const stat = fs.pathFilestat(dirfd >>> 0, lookup, str(pathPtr, pathLen));
        writeFilestat(memory, 'path_filestat_get', resultPtr >>> 0, stat);
      }),
    path_filestat_set_times: (
      dirfd: number,
      flags: number,
      pathPtr: number,
      pathLen: number,
      atim: bigint,
      mtim: bigint,
      fstflags: number,
    ) =>
      simple(() => {
        const lookup = lookupFlags('path_filestat_set_times', flags);
        if ((fstflags >>> 0) & ~Fstflags.all)
          throw invalidFlags('path_filestat_set_times', 'Fstflags');
        fs.pathSetTimes(dirfd >>> 0, lookup, str(pathPtr, pathLen), atim, mtim, fstflags >>> 0);
      }),
    path_create_directory: (dirfd: number, pathPtr: number, pathLen: number) =>
      simple(() => fs.createDirectory(dirfd >>> 0, str(pathPtr, pathLen))),
    path_remove_directory: (dirfd: number, pathPtr: number, pathLen: number) =>
      simple(() => fs.removeDirectory(dirfd >>> 0, str(pathPtr, pathLen))),
    path_unlink_file: (dirfd: number, pathPtr: number, pathLen: number) =>
      simple(() => fs.unlinkFile(dirfd >>> 0, str(pathPtr, pathLen))),
    path_rename: (
      oldFd: number,
      oldPtr: number,
      oldLen: number,
      newFd: number,
      newPtr: number,
      newLen: number,
    ) =>
      simple(() => fs.rename(oldFd >>> 0, str(oldPtr, oldLen), newFd >>> 0, str(newPtr, newLen))),
    path_symlink: (
      targetPtr: number,
      targetLen: number,
      dirfd: number,
      pathPtr: number,
      pathLen: number,
    ) => simple(() => fs.symlink(str(targetPtr, targetLen), dirfd >>> 0, str(pathPtr, pathLen))),
    path_link: (
      oldFd: number,
      flags: number,
      oldPtr: number,
      oldLen: number,
      newFd: number,
      newPtr: number,
      newLen: number,
    ) =>
      simple(() => {
        const lookup = lookupFlags('path_link', flags);
        fs.link(oldFd >>> 0, lookup, str(oldPtr, oldLen), newFd >>> 0, str(newPtr, newLen));
      }),
    path_readlink: (
      dirfd: number,
      pathPtr: number,
      pathLen: number,
      bufPtr: number,
      bufLen: number,
      resultPtr: number,
    ) =>
      simple(() => {
        const contents = fs.readlink(dirfd >>> 0, str(pathPtr, pathLen));
        const n = Math.min(contents.length, bufLen >>> 0);
        memory.check(bufPtr >>> 0, n).set(contents.subarray(0, n), bufPtr >>> 0);
        memory.writeU32('path_readlink', 'size', resultPtr >>> 0, n);
      }),
  };
}
