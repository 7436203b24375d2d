/**
 * The file and directory calls of WASI preview1 over `node:fs`, with upstream's results: errnos come
 * from the host where upstream's also do, and from the checks cap-std and Wasmtime make otherwise.
 */
import {
  constants,
  fstatSync,
  ftruncateSync,
  futimesSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  opendirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  type BigIntStats,
  type Stats,
} from 'node:fs';
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
import { DescriptorTable, directoryBase, type DirectoryDescriptor } from './descriptors.js';
import { WasiErrno } from './errno.js';
import { type Lookup, hostPathOf, lookup, lookupParent, stripTrailingSlashes } from './paths.js';

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

function filestatOf(stat: BigIntStats): Filestat {
  return {
    dev: stat.dev,
    ino: stat.ino,
    filetype: filetypeOf(stat),
    nlink: stat.nlink,
    size: stat.size,
    atim: stat.atimeNs,
    mtim: stat.mtimeNs,
    ctim: stat.ctimeNs,
  };
}

/** Setting a time both to a value and to "now" is EINVAL, checked before anything else. */
function checkFstflags(flags: number): void {
  const both = (value: number, now: number) => (flags & value) !== 0 && (flags & now) !== 0;
  if (both(Fstflags.atim, Fstflags.atimNow) || both(Fstflags.mtim, Fstflags.mtimNow)) {
    throw new WasiErrno(Errno.inval);
  }
}

const SETS_A_TIME = Fstflags.atim | Fstflags.atimNow | Fstflags.mtim | Fstflags.mtimNow;

/** New [atime, mtime] in seconds for `utimes`; times not being set keep their current value. */
function newTimes(
  current: () => BigIntStats,
  atim: bigint,
  mtim: bigint,
  flags: number,
): [number, number] {
  const setA = (flags & Fstflags.atim) !== 0;
  const nowA = (flags & Fstflags.atimNow) !== 0;
  const setM = (flags & Fstflags.mtim) !== 0;
  const nowM = (flags & Fstflags.mtimNow) !== 0;
  const now = Date.now() / 1000;
  const before = !setA && !nowA ? current() : !setM && !nowM ? current() : undefined;
  const seconds = (ns: bigint): number =>
    Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
  const a = setA ? seconds(atim) : nowA ? now : seconds((before as BigIntStats).atimeNs);
  const m = setM ? seconds(mtim) : nowM ? now : seconds((before as BigIntStats).mtimeNs);
  return [a, m];
}

/**
 * The entry `path_open` opens, with the checks in Linux's order (upstream opens through openat2):
 * the directories on the way first; then, when creating, a final `.` or `..` (EEXIST if
 * exclusive, else EISDIR), a trailing slash (EISDIR) and, with O_EXCL, any existing entry, links
 * included (EEXIST); finally a last link that is not to be followed (ELOOP).
 */
function openTarget(
  base: string,
  path: string,
  follow: boolean,
  create: boolean,
  exclusive: boolean,
): Lookup {
  if (!create) {
    const found = lookup(base, path, follow);
    if (found.stat?.isSymbolicLink() && !found.trailingSlash) throw new WasiErrno(Errno.loop);
    return found;
  }
  const name = stripTrailingSlashes(path);
  const last = name.slice(name.lastIndexOf('/') + 1);
  const found = lookup(base, name, false);
  if (last === '.' || last === '..' || found.name === undefined) {
    throw new WasiErrno(exclusive ? Errno.exist : Errno.isdir);
  }
  if (name.length < path.length) throw new WasiErrno(Errno.isdir);
  if (found.stat !== undefined && exclusive) throw new WasiErrno(Errno.exist);
  if (!found.stat?.isSymbolicLink()) return found;
  if (!follow) throw new WasiErrno(Errno.loop);
  return lookup(base, name, true);
}

export class Filesystem {
  constructor(readonly table: DescriptorTable) {}

  /** Opens a preopened directory; the caller reports failures. */
  preopen(guest: string, host: string): void {
    const hostFd = openSync(host, constants.O_RDONLY | constants.O_DIRECTORY);
    this.table.add({ kind: 'dir', hostFd, root: host, components: [], preopenName: guest });
  }

  private base(dirfd: number): { dir: DirectoryDescriptor; base: string } {
    const dir = this.table.directory(dirfd);
    return { dir, base: directoryBase(dir) };
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
    const base = directoryBase(dir);
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
    const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
    const found = openTarget(base, path, follow, create, (oflags & Oflags.excl) !== 0);
    const hostWrite = write || create || truncate;
    let flags =
      read && hostWrite ? constants.O_RDWR : hostWrite ? constants.O_WRONLY : constants.O_RDONLY;
    if (create) flags |= constants.O_CREAT;
    if ((oflags & Oflags.excl) !== 0) flags |= constants.O_EXCL;
    if (truncate) flags |= constants.O_TRUNC;
    if (directory) flags |= constants.O_DIRECTORY;
    // The path is link-free up to its last component; a final link left unfollowed must stay so.
    // (`/proc/self/fd/N` itself is a link that must be followed.)
    if (found.name !== undefined) flags |= constants.O_NOFOLLOW;
    const host = hostPathOf(found) + (found.trailingSlash ? '/' : '');
    const hostFd = openSync(host, flags, 0o666);
    const stat = fstatSync(hostFd);
    if (stat.isDirectory()) {
      const components = [...dir.components, ...found.components];
      if (found.name !== undefined) components.push(found.name);
      return this.table.add({
        kind: 'dir',
        hostFd,
        root: dir.root,
        components,
        preopenName: undefined,
      });
    }
    return this.table.add({
      kind: 'file',
      hostFd,
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
    return filestatOf(fstatSync(entry.hostFd, { bigint: true }));
  }

  pathFilestat(dirfd: number, lookupFlags: number, path: string): Filestat {
    const { base } = this.base(dirfd);
    const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
    // Without following, a trailing slash is ignored: `file/` and `link/` stat the entry itself.
    const found = lookup(base, follow ? path : stripTrailingSlashes(path), follow);
    if (found.name === undefined) return filestatOf(statSync(found.parent, { bigint: true }));
    if (found.stat === undefined) throw new WasiErrno(Errno.noent);
    if (found.trailingSlash && !found.stat.isDirectory()) throw new WasiErrno(Errno.notdir);
    return filestatOf(lstatSync(hostPathOf(found), { bigint: true }));
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
    const [a, m] = newTimes(() => fstatSync(entry.hostFd, { bigint: true }), atim, mtim, flags);
    futimesSync(entry.hostFd, a, m);
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
    const { base } = this.base(dirfd);
    const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
    const found = lookup(base, path, follow);
    const setsNothing = (flags & SETS_A_TIME) === 0;
    if (found.name !== undefined && found.stat === undefined) {
      if (setsNothing && !follow && !found.trailingSlash) return;
      throw new WasiErrno(Errno.noent);
    }
    if (found.trailingSlash && found.stat !== undefined && !found.stat.isDirectory()) {
      throw new WasiErrno(Errno.notdir);
    }
    if (setsNothing) return;
    const host = hostPathOf(found);
    const self = found.name === undefined;
    const stat = () =>
      self ? statSync(host, { bigint: true }) : lstatSync(host, { bigint: true });
    const [a, m] = newTimes(stat, atim, mtim, flags);
    if (self) utimesSync(host, a, m);
    else lutimesSync(host, a, m);
  }

  /** Every entry of a directory, `.` and `..` first, in the host's order (as upstream lists them). */
  readdir(fd: number): DirEntry[] {
    const entry = this.table.get(fd);
    if (entry.kind !== 'dir') throw new WasiErrno(Errno.badf);
    const base = directoryBase(entry);
    const self = fstatSync(entry.hostFd, { bigint: true });
    const entries: DirEntry[] = [
      { name: Buffer.from('.'), ino: self.ino, filetype: Filetype.directory },
      { name: Buffer.from('..'), ino: self.ino, filetype: Filetype.directory },
    ];
    // `buffer` keeps names that are not UTF-8 intact (the typings only list string encodings).
    const dir = opendirSync(base, { encoding: 'buffer' as BufferEncoding });
    try {
      const prefix = Buffer.from(`${base}/`);
      for (let dirent = dir.readSync(); dirent !== null; dirent = dir.readSync()) {
        const name = dirent.name as unknown as Buffer;
        const stat = lstatSync(Buffer.concat([prefix, name]), {
          bigint: true,
          throwIfNoEntry: false,
        });
        if (stat === undefined) continue; // removed while listing
        entries.push({ name, ino: stat.ino, filetype: filetypeOf(stat) });
      }
    } finally {
      dir.closeSync();
    }
    return entries;
  }

  createDirectory(dirfd: number, path: string): void {
    const { base } = this.base(dirfd);
    mkdirSync(lookupParent(base, stripTrailingSlashes(path)).host);
  }

  removeDirectory(dirfd: number, path: string): void {
    const { base } = this.base(dirfd);
    const target = lookupParent(base, path);
    if (target.name === '.' || target.name === '..') throw new WasiErrno(Errno.inval);
    rmdirSync(target.host);
  }

  unlinkFile(dirfd: number, path: string): void {
    const { base } = this.base(dirfd);
    unlinkSync(lookupParent(base, path).host);
  }

  rename(oldDirfd: number, oldPath: string, newDirfd: number, newPath: string): void {
    const oldBase = this.base(oldDirfd).base;
    const newBase = this.base(newDirfd).base;
    // Trailing slashes are dropped for the lookup; on the source one is kept so that the host
    // still insists on a directory.
    const oldStripped = stripTrailingSlashes(oldPath);
    const source = lookupParent(oldBase, oldStripped);
    const target = lookupParent(newBase, stripTrailingSlashes(newPath));
    renameSync(source.host + (oldStripped.length < oldPath.length ? '/' : ''), target.host);
  }

  symlink(target: string, dirfd: number, path: string): void {
    const { base } = this.base(dirfd);
    if (target.charCodeAt(0) === 0x2f) throw new WasiErrno(Errno.perm);
    if (target.includes('\0')) throw new WasiErrno(Errno.inval);
    symlinkSync(target, lookupParent(base, path).host);
  }

  readlink(dirfd: number, path: string): Buffer {
    const { base } = this.base(dirfd);
    const contents = readlinkSync(lookupParent(base, path).host, { encoding: 'buffer' });
    if (contents[0] === 0x2f) throw new WasiErrno(Errno.perm);
    return contents;
  }

  link(
    oldDirfd: number,
    lookupFlags: number,
    oldPath: string,
    newDirfd: number,
    newPath: string,
  ): void {
    const oldBase = this.base(oldDirfd).base;
    const newBase = this.base(newDirfd).base;
    if ((lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0) throw new WasiErrno(Errno.inval);
    linkSync(lookupParent(oldBase, oldPath).host, lookupParent(newBase, newPath).host);
  }

  /** `fd_prestat_get` / `fd_prestat_dir_name`: the guest name of a preopen. */
  prestatName(fd: number, forDirName: boolean): string {
    const entry = this.table.get(fd);
    if (entry.kind === 'dir' && entry.preopenName !== undefined) return entry.preopenName;
    throw new WasiErrno(forDirName ? Errno.notdir : Errno.badf);
  }
}
