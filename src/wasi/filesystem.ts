/**
 * The file and directory calls of WASI preview1 over `node:fs`, with upstream's results: errnos come
 * from the host where upstream's also do, and from the checks cap-std and Wasmtime make otherwise.
 */
import { fstatSync, ftruncateSync, type BigIntStats, type Stats } from 'node:fs';
import {
  DIRECTORY_RIGHTS,
  Errno,
  Fdflags,
  Filetype,
  Fstflags,
  LOOKUP_SYMLINK_FOLLOW,
  Oflags,
  PREOPEN_RIGHTS_BASE,
  PREOPEN_RIGHTS_INHERITING,
  Rights,
} from './constants.js';
import { DescriptorTable, directoryBase } from './descriptors.js';
import { WasiErrno } from './errno.js';
import { DirectoryLocation, MoveLog } from './locations.js';
import { openDirectory } from './platform.js';
import { HostFiles, type GuestFiles } from '../sources/files.js';
import {
  type TimeChange,
  createDirectoryAt,
  linkAt,
  listDirectory,
  openAt,
  readlinkAt,
  removeDirectoryAt,
  renameAt,
  setTimesAt,
  setTimesOfFd,
  statAt,
  symlinkAt,
  unlinkFileAt,
} from './path-ops.js';

export interface Fdstat {
  filetype: number;
  flags: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
}

export interface Filestat {
  dev: bigint;
  ino: bigint;
  filetype: number;
  nlink: bigint;
  size: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

export interface DirEntry {
  name: Buffer;
  ino: bigint;
  filetype: number;
}

export function filetypeOf(stat: Stats | BigIntStats): number {
  if (stat.isFile()) return Filetype.regularFile;
  if (stat.isDirectory()) return Filetype.directory;
  if (stat.isSymbolicLink()) return Filetype.symbolicLink;
  if (stat.isCharacterDevice()) return Filetype.characterDevice;
  if (stat.isBlockDevice()) return Filetype.blockDevice;
  if (stat.isSocket()) return Filetype.socketStream;
  return Filetype.unknown;
}

/** A host stat as the guest sees it through `files` (as it is, or deterministic). */
function filestatOf(stat: BigIntStats, files: GuestFiles): Filestat {
  const filetype = filetypeOf(stat);
  const { size, nlink } =
    filetype === Filetype.directory
      ? files.directory(stat)
      : { size: stat.size, nlink: stat.nlink };
  return {
    ...files.identity(stat),
    filetype,
    nlink,
    size,
    atim: files.timestamp(stat.atimeNs),
    mtim: files.timestamp(stat.mtimeNs),
    ctim: files.timestamp(stat.ctimeNs),
  };
}

/** Setting a time both to a value and to "now" is EINVAL, checked before anything else. */
function checkFstflags(flags: number): void {
  const both = (value: number, now: number) => (flags & value) !== 0 && (flags & now) !== 0;
  if (both(Fstflags.atim, Fstflags.atimNow) || both(Fstflags.mtim, Fstflags.mtimNow)) {
    throw new WasiErrno(Errno.inval);
  }
}

/** The [atime, mtime] changes preview1's fstflags ask for. */
function timeChanges(atim: bigint, mtim: bigint, flags: number): [TimeChange, TimeChange] {
  const change = (value: bigint, set: number, now: number): TimeChange =>
    (flags & set) !== 0 ? value : (flags & now) !== 0 ? 'now' : 'keep';
  return [
    change(atim, Fstflags.atim, Fstflags.atimNow),
    change(mtim, Fstflags.mtim, Fstflags.mtimNow),
  ];
}

const SETS_A_TIME = Fstflags.atim | Fstflags.atimNow | Fstflags.mtim | Fstflags.mtimNow;

export class Filesystem {
  /** The directories the guest moved, replayed where directories are known by path. */
  private readonly moves = new MoveLog();

  constructor(
    readonly table: DescriptorTable,
    private readonly files: GuestFiles = new HostFiles(),
  ) {}

  /** Opens a preopened directory; the caller reports failures. */
  preopen(guest: string, host: string): void {
    const hostFd = openDirectory(host);
    const location = DirectoryLocation.preopen(this.moves, host);
    this.table.add({ kind: 'dir', hostFd, location, preopenName: guest });
  }

  pathOpen(
    dirfd: number,
    lookupFlags: number,
    path: string,
    oflags: number,
    rightsBase: bigint,
    fdflags: number,
  ): number {
    const dir = this.table.directory(dirfd, Errno.notdir);
    // Resolved before the flag checks, as upstream opens the directory first (this only fails
    // where directories are known by path and this one has been moved away).
    directoryBase(dir);
    const create = (oflags & Oflags.creat) !== 0;
    const truncate = (oflags & Oflags.trunc) !== 0;
    const directory = (oflags & Oflags.directory) !== 0;
    if (directory && (oflags & (Oflags.creat | Oflags.excl | Oflags.trunc)) !== 0) {
      throw new WasiErrno(Errno.inval);
    }
    if ((fdflags & (Fdflags.dsync | Fdflags.rsync | Fdflags.sync)) !== 0) {
      throw new WasiErrno(Errno.notsup);
    }
    const write = (rightsBase & Rights.fdWrite) !== 0n;
    const read = (rightsBase & Rights.fdRead) !== 0n || !write;
    const opened = openAt(dir, path, {
      follow: (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0,
      create,
      exclusive: (oflags & Oflags.excl) !== 0,
      truncate,
      directory,
      read,
      write,
    });
    if (opened.kind === 'dir') {
      return this.table.add({
        kind: 'dir',
        hostFd: opened.hostFd,
        location: opened.location,
        preopenName: undefined,
      });
    }
    return this.table.add({
      kind: 'file',
      hostFd: opened.hostFd,
      readable: read,
      writable: write,
      append: (fdflags & Fdflags.append) !== 0,
      nonblock: (fdflags & Fdflags.nonblock) !== 0,
      position: 0,
    });
  }

  fdstat(fd: number, stdioIsTty: (stream: 0 | 1 | 2) => boolean): Fdstat {
    const entry = this.table.get(fd);
    switch (entry.kind) {
      case 'stdio': {
        const rights = entry.stream === 0 ? Rights.fdRead : Rights.fdWrite;
        const filetype = stdioIsTty(entry.stream) ? Filetype.characterDevice : Filetype.unknown;
        return { filetype, flags: 0, rightsBase: rights, rightsInheriting: rights };
      }
      case 'dir':
        return entry.preopenName !== undefined
          ? {
              filetype: Filetype.directory,
              flags: 0,
              rightsBase: PREOPEN_RIGHTS_BASE,
              rightsInheriting: PREOPEN_RIGHTS_INHERITING,
            }
          : {
              filetype: Filetype.directory,
              flags: 0,
              rightsBase: DIRECTORY_RIGHTS,
              rightsInheriting: DIRECTORY_RIGHTS,
            };
      case 'file': {
        let rights = Rights.all;
        if (!entry.readable) rights &= ~(Rights.fdRead | Rights.fdReaddir);
        if (!entry.writable) rights &= ~Rights.fdWrite;
        const flags = (entry.append ? Fdflags.append : 0) | (entry.nonblock ? Fdflags.nonblock : 0);
        return {
          filetype: Filetype.regularFile,
          flags,
          rightsBase: rights,
          rightsInheriting: rights,
        };
      }
    }
  }

  setFdflags(fd: number, flags: number): void {
    const file = this.table.file(fd);
    if ((flags & (Fdflags.dsync | Fdflags.rsync | Fdflags.sync)) !== 0)
      throw new WasiErrno(Errno.inval);
    file.append = (flags & Fdflags.append) !== 0;
    file.nonblock = (flags & Fdflags.nonblock) !== 0;
  }

  /** Rights are not enforced upstream and cannot be changed: ENOTSUP on files and directories. */
  setRights(fd: number): void {
    if (this.table.get(fd).kind === 'stdio') throw new WasiErrno(Errno.badf);
    throw new WasiErrno(Errno.notsup);
  }

  /** `fd_filestat_get`; stdio reports zeros with its file type. */
  filestat(fd: number, stdioIsTty: (stream: 0 | 1 | 2) => boolean): Filestat {
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') {
      const filetype = stdioIsTty(entry.stream) ? Filetype.characterDevice : Filetype.unknown;
      return { dev: 0n, ino: 0n, filetype, nlink: 0n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
    }
    return filestatOf(fstatSync(entry.hostFd, { bigint: true }), this.files);
  }

  pathFilestat(dirfd: number, lookupFlags: number, path: string): Filestat {
    const dir = this.table.directory(dirfd);
    return filestatOf(statAt(dir, path, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0), this.files);
  }

  setSize(fd: number, size: bigint): void {
    const file = this.table.file(fd);
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new WasiErrno(Errno.fbig);
    // The host refuses descriptors not open for writing (EINVAL), as upstream reports.
    ftruncateSync(file.hostFd, Number(size));
  }

  /**
   * `fd_filestat_set_times`. As upstream: setting nothing succeeds on any file or directory, and
   * a preopened directory's own times cannot be set (EBADF; directories opened later can).
   */
  setTimes(fd: number, atim: bigint, mtim: bigint, flags: number): void {
    checkFstflags(flags);
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') throw new WasiErrno(Errno.badf);
    if ((flags & SETS_A_TIME) === 0) return;
    if (entry.kind === 'dir' && entry.preopenName !== undefined) throw new WasiErrno(Errno.badf);
    setTimesOfFd(entry.hostFd, ...timeChanges(atim, mtim, flags));
  }

  /**
   * `path_filestat_set_times`. A trailing slash is honoured (a link before it is followed, a file
   * is ENOTDIR); without following, setting nothing on a missing name succeeds, as Linux's
   * `utimensat` returns before its lookup.
   */
  pathSetTimes(
    dirfd: number,
    lookupFlags: number,
    path: string,
    atim: bigint,
    mtim: bigint,
    flags: number,
  ): void {
    checkFstflags(flags);
    const dir = this.table.directory(dirfd);
    const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
    setTimesAt(dir, path, follow, ...timeChanges(atim, mtim, flags));
  }

  /**
   * Every entry of a directory, `.` and `..` first, then in the host's order (as upstream lists
   * them) or, in deterministic mode, by name.
   */
  readdir(fd: number): DirEntry[] {
    const entry = this.table.get(fd);
    if (entry.kind !== 'dir') throw new WasiErrno(Errno.badf);
    const self = this.files.identity(fstatSync(entry.hostFd, { bigint: true })).ino;
    return [
      { name: Buffer.from('.'), ino: self, filetype: Filetype.directory },
      { name: Buffer.from('..'), ino: self, filetype: Filetype.directory },
      ...this.files.order(listDirectory(entry)).map(({ name, stat }) => ({
        name,
        ino: this.files.identity(stat).ino,
        filetype: filetypeOf(stat),
      })),
    ];
  }

  createDirectory(dirfd: number, path: string): void {
    createDirectoryAt(this.table.directory(dirfd), path);
  }

  removeDirectory(dirfd: number, path: string): void {
    removeDirectoryAt(this.table.directory(dirfd), path);
  }

  unlinkFile(dirfd: number, path: string): void {
    unlinkFileAt(this.table.directory(dirfd), path);
  }

  rename(oldDirfd: number, oldPath: string, newDirfd: number, newPath: string): void {
    renameAt(this.table.directory(oldDirfd), oldPath, this.table.directory(newDirfd), newPath);
  }

  symlink(target: string, dirfd: number, path: string): void {
    symlinkAt(target, this.table.directory(dirfd), path);
  }

  readlink(dirfd: number, path: string): Buffer {
    return readlinkAt(this.table.directory(dirfd), path);
  }

  link(
    oldDirfd: number,
    lookupFlags: number,
    oldPath: string,
    newDirfd: number,
    newPath: string,
  ): void {
    const oldDir = this.table.directory(oldDirfd);
    const newDir = this.table.directory(newDirfd);
    const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
    linkAt(oldDir, follow, oldPath, newDir, newPath);
  }

  /** `fd_prestat_get` / `fd_prestat_dir_name`: the guest name of a preopen. */
  prestatName(fd: number, forDirName: boolean): string {
    const entry = this.table.get(fd);
    if (entry.kind === 'dir' && entry.preopenName !== undefined) return entry.preopenName;
    throw new WasiErrno(forDirName ? Errno.notdir : Errno.badf);
  }
}
