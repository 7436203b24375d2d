/**
 * Path operations relative to an open directory, confined to the preopen it was reached from: the
 * one implementation behind preview1's `path_*` calls (filesystem.ts) and WASI 0.2's
 * `descriptor.*-at` methods (src/wasi2). Every path goes through paths.ts, so no `..`, absolute
 * path or link (made before or during the run) can lead outside. Failures throw `WasiErrno` (the
 * checks made here) or Node's errno errors (the host's answer); each layer turns them into its
 * own codes. Upstream's preview1 is built on its WASI 0.2 host, so the results are one set.
 */
import {
  constants,
  fstatSync,
  ftruncateSync,
  futimesSync,
  type BigIntStats,
  type Stats,
} from 'node:fs';
import { Errno } from './constants.js';
import { directoryBase, type DirectoryDescriptor } from './descriptors.js';
import { WasiErrno } from './errno.js';
import type { DirectoryLocation } from './locations.js';
import {
  type Lookup,
  hostPathOf,
  lastComponent,
  lookup,
  lookupParent,
  stripTrailingSlashes,
} from './paths.js';
import {
  closeQuietly,
  guestLinkTarget,
  hostLinkTarget,
  isAbsolute,
  lastSeparator,
  platform,
} from './platform.js';

/** What `openAt` opens and how; the flags are WASI's (preview1 oflags and 0.2 open-flags agree). */
export interface OpenRequest {
  /** Follow a link in the last component. */
  follow: boolean;
  create: boolean;
  exclusive: boolean;
  truncate: boolean;
  /** The entry must be a directory. */
  directory: boolean;
  read: boolean;
  write: boolean;
}

/** An entry `openAt` opened: a directory (a new confined base) or anything else. */
export type Opened =
  { kind: 'dir'; hostFd: number; location: DirectoryLocation } | { kind: 'file'; hostFd: number };

/** A new time for `setTimesAt`: keep the current one, the current time, or nanoseconds. */
export type TimeChange = 'keep' | 'now' | bigint;

/** One entry of a directory listing (`.` and `..` excluded), with its `lstat`. */
export interface ListedEntry {
  name: Buffer;
  stat: BigIntStats;
}

/**
 * The entry an open reaches, with the checks in Linux's order (upstream opens through openat2):
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
  const last = lastComponent(name);
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

/**
 * Opens `path` below `dir`. Creating or truncating opens for writing too; without `write` the
 * host descriptor is opened for reading, as upstream does (the OS must be given one of the two).
 * Flag combinations each layer refuses (directory with create, sync flags) are checked before.
 */
export function openAt(dir: DirectoryDescriptor, path: string, request: OpenRequest): Opened {
  const base = directoryBase(dir);
  const found = openTarget(base, path, request.follow, request.create, request.exclusive);
  const host = platform();
  const read = request.read || !request.write;
  const hostWrite = request.write || request.create || request.truncate;
  let flags =
    read && hostWrite ? constants.O_RDWR : hostWrite ? constants.O_WRONLY : constants.O_RDONLY;
  if (request.create) flags |= constants.O_CREAT;
  if (request.exclusive) flags |= constants.O_EXCL;
  // Without O_NOFOLLOW the entry is verified before anything is changed: truncation waits.
  const truncateAfterCheck = request.truncate && host.noFollowFlag === 0;
  if (request.truncate && !truncateAfterCheck) flags |= constants.O_TRUNC;
  if (request.directory) flags |= host.directoryFlag;
  // The path is link-free up to its last component; a final link left unfollowed must stay so.
  // (`/proc/self/fd/N` itself is a link that must be followed.)
  if (found.name !== undefined) flags |= host.noFollowFlag;
  const hostFd = host.fs.open(hostPathOf(found) + (found.trailingSlash ? '/' : ''), flags, 0o666);
  const stat = fstatSync(hostFd);
  if (host.noFollowFlag === 0 || host.directoryFlag === 0) {
    checkOpened(hostFd, stat, found, request.directory);
  }
  if (truncateAfterCheck) ftruncateSync(hostFd, 0);
  if (!stat.isDirectory()) return { kind: 'file', hostFd };
  const names = found.name === undefined ? found.components : [...found.components, found.name];
  return { kind: 'dir', hostFd, location: dir.location.below(names) };
}

/**
 * What O_NOFOLLOW and O_DIRECTORY (and a trailing slash, which such hosts drop) would have
 * refused, checked after opening: the entry opened must be the one the lookup saw (else it was
 * replaced, perhaps by a link, meanwhile) and a directory where one was asked for.
 */
function checkOpened(hostFd: number, opened: Stats, found: Lookup, directory: boolean): void {
  let errno: number | undefined;
  const seen = found.name === undefined ? undefined : found.stat;
  if (seen !== undefined && (seen.ino !== opened.ino || seen.dev !== opened.dev)) {
    errno = Errno.loop;
  } else if ((directory || found.trailingSlash) && !opened.isDirectory()) {
    errno = Errno.notdir;
  }
  if (errno === undefined) return;
  closeQuietly(hostFd);
  throw new WasiErrno(errno);
}

/** The status of `path` below `dir` (of the link itself unless `follow`). */
export function statAt(dir: DirectoryDescriptor, path: string, follow: boolean): BigIntStats {
  const base = directoryBase(dir);
  // Without following, a trailing slash is ignored: `file/` and `link/` stat the entry itself.
  const found = lookup(base, follow ? path : stripTrailingSlashes(path), follow);
  const fs = platform().fs;
  if (found.name === undefined) return fs.statBig(found.parent);
  if (found.stat === undefined) throw new WasiErrno(Errno.noent);
  if (found.trailingSlash && !found.stat.isDirectory()) throw new WasiErrno(Errno.notdir);
  const stat = fs.lstatBig(hostPathOf(found));
  if (stat === undefined) throw new WasiErrno(Errno.noent);
  return stat;
}

function seconds(ns: bigint): number {
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

/** New [atime, mtime] in seconds for `utimes`; times kept are read from `current`. */
function newTimes(
  current: () => BigIntStats,
  atime: TimeChange,
  mtime: TimeChange,
): [number, number] {
  const now = Date.now() / 1000;
  const before = atime === 'keep' || mtime === 'keep' ? current() : undefined;
  const pick = (change: TimeChange, kept: () => bigint): number =>
    change === 'now' ? now : change === 'keep' ? seconds(kept()) : seconds(change);
  return [
    pick(atime, () => (before as BigIntStats).atimeNs),
    pick(mtime, () => (before as BigIntStats).mtimeNs),
  ];
}

/** Sets the times of an open descriptor; keeping both changes nothing. */
export function setTimesOfFd(hostFd: number, atime: TimeChange, mtime: TimeChange): void {
  if (atime === 'keep' && mtime === 'keep') return;
  const [a, m] = newTimes(() => fstatSync(hostFd, { bigint: true }), atime, mtime);
  futimesSync(hostFd, a, m);
}

/**
 * Sets the times of `path` below `dir`. A trailing slash is honoured (a link before it is
 * followed, a file is ENOTDIR); without following, keeping both times on a missing name
 * succeeds, as Linux's `utimensat` returns before its lookup.
 */
export function setTimesAt(
  dir: DirectoryDescriptor,
  path: string,
  follow: boolean,
  atime: TimeChange,
  mtime: TimeChange,
): void {
  const base = directoryBase(dir);
  const found = lookup(base, path, follow);
  const setsNothing = atime === 'keep' && mtime === 'keep';
  if (found.name !== undefined && found.stat === undefined) {
    if (setsNothing && !follow && !found.trailingSlash) return;
    throw new WasiErrno(Errno.noent);
  }
  if (found.trailingSlash && found.stat !== undefined && !found.stat.isDirectory()) {
    throw new WasiErrno(Errno.notdir);
  }
  if (setsNothing) return;
  const fs = platform().fs;
  const host = hostPathOf(found);
  const self = found.name === undefined;
  const stat = (): BigIntStats => {
    const current = self ? fs.statBig(host) : fs.lstatBig(host);
    if (current === undefined) throw new WasiErrno(Errno.noent);
    return current;
  };
  const [a, m] = newTimes(stat, atime, mtime);
  if (self) fs.utimes(host, a, m);
  else fs.lutimes(host, a, m);
}

/** Every entry of `dir` except `.` and `..`, in the host's order, each with its `lstat`. */
export function listDirectory(dir: DirectoryDescriptor): ListedEntry[] {
  const base = directoryBase(dir);
  const fs = platform().fs;
  const entries: ListedEntry[] = [];
  const handle = fs.opendir(base);
  try {
    const prefix = Buffer.from(`${base}/`);
    for (let dirent = handle.readSync(); dirent !== null; dirent = handle.readSync()) {
      const name = dirent.name as unknown as Buffer;
      const stat = fs.lstatBig(Buffer.concat([prefix, name]));
      if (stat === undefined) continue; // removed while listing
      entries.push({ name, stat });
    }
  } finally {
    handle.closeSync();
  }
  return entries;
}

export function createDirectoryAt(dir: DirectoryDescriptor, path: string): void {
  platform().fs.mkdir(lookupParent(directoryBase(dir), stripTrailingSlashes(path)).host);
}

/** Removes an empty directory; a link to one is ENOTDIR (Windows would remove the link). */
export function removeDirectoryAt(dir: DirectoryDescriptor, path: string): void {
  const fs = platform().fs;
  const target = lookupParent(directoryBase(dir), path);
  if (target.name === '.' || target.name === '..') throw new WasiErrno(Errno.inval);
  if (fs.lstat(target.host)?.isSymbolicLink()) throw new WasiErrno(Errno.notdir);
  fs.rmdir(target.host);
}

/** Removes a non-directory; a directory is EISDIR everywhere (macOS and Windows say EPERM). */
export function unlinkFileAt(dir: DirectoryDescriptor, path: string): void {
  const fs = platform().fs;
  const target = lookupParent(directoryBase(dir), path).host;
  try {
    fs.unlink(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'EPERM' || code === 'EACCES') && fs.lstat(target)?.isDirectory()) {
      throw new WasiErrno(Errno.isdir);
    }
    throw error;
  }
}

export function renameAt(
  oldDir: DirectoryDescriptor,
  oldPath: string,
  newDir: DirectoryDescriptor,
  newPath: string,
): void {
  const host = platform();
  const oldBase = directoryBase(oldDir);
  const newBase = directoryBase(newDir);
  // Trailing slashes are dropped for the lookup; on the source one is kept so that the host
  // still insists on a directory (hosts that drop it are checked here instead).
  const oldStripped = stripTrailingSlashes(oldPath);
  const source = lookupParent(oldBase, oldStripped);
  const target = lookupParent(newBase, stripTrailingSlashes(newPath));
  const slashed = oldStripped.length < oldPath.length;
  if (slashed && host.windowsPaths) {
    const stat = host.fs.lstat(source.host);
    if (stat !== undefined && !stat.isDirectory()) throw new WasiErrno(Errno.notdir);
  }
  host.fs.rename(source.host + (slashed ? '/' : ''), target.host);
  if (host.fdDirectory === undefined && host.fs.lstat(target.host)?.isDirectory()) {
    oldDir.location.log.record(
      oldDir.location.below([...source.components, source.name]),
      newDir.location.below([...target.components, target.name]),
    );
  }
}

/**
 * The kind of link Windows must be told to make for a link that resolves as `path` below `base`:
 * `dir` if that is a directory inside the sandbox now, else `file`. (Other hosts ignore it.)
 */
function linkKind(base: string, path: string): 'file' | 'dir' {
  if (!platform().windowsPaths) return 'file';
  try {
    const found = lookup(base, path, true);
    return found.name === undefined || found.stat?.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'file';
  }
}

/** Creates a link at `path` to `target`, which may not be absolute (a later lookup checks the rest). */
export function symlinkAt(target: string, dir: DirectoryDescriptor, path: string): void {
  const base = directoryBase(dir);
  if (isAbsolute(target)) throw new WasiErrno(Errno.perm);
  if (target.includes('\0')) throw new WasiErrno(Errno.inval);
  const at = lookupParent(base, path).host;
  const slash = lastSeparator(path);
  const resolvesAs = slash < 0 ? target : `${path.slice(0, slash)}/${target}`;
  platform().fs.symlink(hostLinkTarget(target), at, linkKind(base, resolvesAs));
}

/** A link's contents; an absolute target is not shown (EPERM). */
export function readlinkAt(dir: DirectoryDescriptor, path: string): Buffer {
  const contents = platform().fs.readlinkBytes(lookupParent(directoryBase(dir), path).host);
  if (isAbsolute(contents)) throw new WasiErrno(Errno.perm);
  return guestLinkTarget(contents);
}

/**
 * A hard link to an entry (never through a last link: following is EINVAL). Where the host's
 * `link()` would follow a last link (to wherever it points, maybe outside), a link to a link is
 * made as a new link with the same target instead.
 */
export function linkAt(
  oldDir: DirectoryDescriptor,
  follow: boolean,
  oldPath: string,
  newDir: DirectoryDescriptor,
  newPath: string,
): void {
  const host = platform();
  const oldBase = directoryBase(oldDir);
  const newBase = directoryBase(newDir);
  if (follow) throw new WasiErrno(Errno.inval);
  const source = lookupParent(oldBase, oldPath).host;
  const target = lookupParent(newBase, newPath).host;
  if (host.linkFollowsSymlinks && host.fs.lstat(source)?.isSymbolicLink()) {
    host.fs.symlink(host.fs.readlink(source), target, linkKind(oldBase, oldPath));
    return;
  }
  host.fs.link(source, target);
}
