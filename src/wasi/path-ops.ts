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
} from 'node:fs';
import { Errno } from './constants.js';
import { directoryBase, type DirectoryDescriptor } from './descriptors.js';
import { WasiErrno } from './errno.js';
import { type Lookup, hostPathOf, lookup, lookupParent, stripTrailingSlashes } from './paths.js';

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
  { kind: 'dir'; hostFd: number; components: string[] } | { kind: 'file'; hostFd: number };

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

/**
 * Opens `path` below `dir`. Creating or truncating opens for writing too; without `write` the
 * host descriptor is opened for reading, as upstream does (the OS must be given one of the two).
 * Flag combinations each layer refuses (directory with create, sync flags) are checked before.
 */
export function openAt(dir: DirectoryDescriptor, path: string, request: OpenRequest): Opened {
  const base = directoryBase(dir);
  const found = openTarget(base, path, request.follow, request.create, request.exclusive);
  const read = request.read || !request.write;
  const hostWrite = request.write || request.create || request.truncate;
  let flags =
    read && hostWrite ? constants.O_RDWR : hostWrite ? constants.O_WRONLY : constants.O_RDONLY;
  if (request.create) flags |= constants.O_CREAT;
  if (request.exclusive) flags |= constants.O_EXCL;
  if (request.truncate) flags |= constants.O_TRUNC;
  if (request.directory) flags |= constants.O_DIRECTORY;
  // The path is link-free up to its last component; a final link left unfollowed must stay so.
  // (`/proc/self/fd/N` itself is a link that must be followed.)
  if (found.name !== undefined) flags |= constants.O_NOFOLLOW;
  const host = hostPathOf(found) + (found.trailingSlash ? '/' : '');
  const hostFd = openSync(host, flags, 0o666);
  if (!fstatSync(hostFd).isDirectory()) return { kind: 'file', hostFd };
  const components = [...dir.components, ...found.components];
  if (found.name !== undefined) components.push(found.name);
  return { kind: 'dir', hostFd, components };
}

/** The status of `path` below `dir` (of the link itself unless `follow`). */
export function statAt(dir: DirectoryDescriptor, path: string, follow: boolean): BigIntStats {
  const base = directoryBase(dir);
  // Without following, a trailing slash is ignored: `file/` and `link/` stat the entry itself.
  const found = lookup(base, follow ? path : stripTrailingSlashes(path), follow);
  if (found.name === undefined) return statSync(found.parent, { bigint: true });
  if (found.stat === undefined) throw new WasiErrno(Errno.noent);
  if (found.trailingSlash && !found.stat.isDirectory()) throw new WasiErrno(Errno.notdir);
  return lstatSync(hostPathOf(found), { bigint: true });
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
  const host = hostPathOf(found);
  const self = found.name === undefined;
  const stat = () => (self ? statSync(host, { bigint: true }) : lstatSync(host, { bigint: true }));
  const [a, m] = newTimes(stat, atime, mtime);
  if (self) utimesSync(host, a, m);
  else lutimesSync(host, a, m);
}

/** Every entry of `dir` except `.` and `..`, in the host's order, each with its `lstat`. */
export function listDirectory(dir: DirectoryDescriptor): ListedEntry[] {
  const base = directoryBase(dir);
  const entries: ListedEntry[] = [];
  // `buffer` keeps names that are not UTF-8 intact (the typings only list string encodings).
  const handle = opendirSync(base, { encoding: 'buffer' as BufferEncoding });
  try {
    const prefix = Buffer.from(`${base}/`);
    for (let dirent = handle.readSync(); dirent !== null; dirent = handle.readSync()) {
      const name = dirent.name as unknown as Buffer;
      const stat = lstatSync(Buffer.concat([prefix, name]), {
        bigint: true,
        throwIfNoEntry: false,
      });
      if (stat === undefined) continue; // removed while listing
      entries.push({ name, stat });
    }
  } finally {
    handle.closeSync();
  }
  return entries;
}

export function createDirectoryAt(dir: DirectoryDescriptor, path: string): void {
  mkdirSync(lookupParent(directoryBase(dir), stripTrailingSlashes(path)).host);
}

export function removeDirectoryAt(dir: DirectoryDescriptor, path: string): void {
  const target = lookupParent(directoryBase(dir), path);
  if (target.name === '.' || target.name === '..') throw new WasiErrno(Errno.inval);
  rmdirSync(target.host);
}

export function unlinkFileAt(dir: DirectoryDescriptor, path: string): void {
  unlinkSync(lookupParent(directoryBase(dir), path).host);
}

export function renameAt(
  oldDir: DirectoryDescriptor,
  oldPath: string,
  newDir: DirectoryDescriptor,
  newPath: string,
): void {
  const oldBase = directoryBase(oldDir);
  const newBase = directoryBase(newDir);
  // Trailing slashes are dropped for the lookup; on the source one is kept so that the host
  // still insists on a directory.
  const oldStripped = stripTrailingSlashes(oldPath);
  const source = lookupParent(oldBase, oldStripped);
  const target = lookupParent(newBase, stripTrailingSlashes(newPath));
  renameSync(source.host + (oldStripped.length < oldPath.length ? '/' : ''), target.host);
}

/** Creates a link at `path` to `target`, which may not be absolute (a later lookup checks the rest). */
export function symlinkAt(target: string, dir: DirectoryDescriptor, path: string): void {
  const base = directoryBase(dir);
  if (target.charCodeAt(0) === 0x2f) throw new WasiErrno(Errno.perm);
  if (target.includes('\0')) throw new WasiErrno(Errno.inval);
  symlinkSync(target, lookupParent(base, path).host);
}

/** A link's contents; an absolute target is not shown (EPERM). */
export function readlinkAt(dir: DirectoryDescriptor, path: string): Buffer {
  const contents = readlinkSync(lookupParent(directoryBase(dir), path).host, {
    encoding: 'buffer',
  });
  if (contents[0] === 0x2f) throw new WasiErrno(Errno.perm);
  return contents;
}

/** A hard link to an entry (never through a last link: following is EINVAL). */
export function linkAt(
  oldDir: DirectoryDescriptor,
  follow: boolean,
  oldPath: string,
  newDir: DirectoryDescriptor,
  newPath: string,
): void {
  const oldBase = directoryBase(oldDir);
  const newBase = directoryBase(newDir);
  if (follow) throw new WasiErrno(Errno.inval);
  linkSync(lookupParent(oldBase, oldPath).host, lookupParent(newBase, newPath).host);
}
