/**
 * Everything the confined file system layer does differently per host OS, in one place:
 *
 * - how an open directory is named (Linux: `/proc/self/fd/N`, which follows the directory through
 *   renames like `openat`; elsewhere by its path, re-verified by device and inode on every use);
 * - guest path syntax (on Windows `\` separates too, `C:`, `\\server` and `\` start absolute paths,
 *   and names Windows would reinterpret, such as `NUL`, `a:b` or `.. ` (a trailing space), are
 *   refused);
 * - whether `link()` follows a final symbolic link (macOS and Windows do, so a link to a link is
 *   made as a copy of the link instead of a hard link to whatever it points at);
 * - whether `O_NOFOLLOW` and `O_DIRECTORY` exist (not on Windows: opens are checked after the
 *   fact against the entry the lookup saw);
 * - the `node:fs` calls made with host paths.
 *
 * The other OSes' rules are pure data plus those few calls, so tests run them on Linux too
 * (`simulatedPlatform`), with a host that behaves as the other OS would where it matters for
 * confinement: `\` as a separator, trailing slashes dropped, `link()` following links.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  opendirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  type BigIntStats,
  type Dir,
  type Stats,
} from 'node:fs';
import { Errno } from './constants.js';
import { WasiErrno } from './errno.js';

/** A host path as `node:fs` takes it (a listing builds names that are not UTF-8 as bytes). */
export type HostPath = string | Buffer;

/** The `node:fs` calls the layer makes with host paths (calls on descriptors stay direct). */
export interface HostFs {
  lstat(path: HostPath): Stats | undefined;
  lstatBig(path: HostPath): BigIntStats | undefined;
  statBig(path: string): BigIntStats;
  readlink(path: string): string;
  readlinkBytes(path: string): Buffer;
  open(path: string, flags: number, mode?: number): number;
  opendir(path: string): Dir;
  mkdir(path: string): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string, type: 'file' | 'dir'): void;
  link(existing: string, path: string): void;
  utimes(path: string, atime: number, mtime: number): void;
  lutimes(path: string, atime: number, mtime: number): void;
}

export interface HostPlatform {
  /** Where open descriptors are named by number (Linux's `/proc/self/fd`), if anywhere. */
  readonly fdDirectory: string | undefined;
  /** Guest paths and link targets follow Windows rules (see `splitPath`, `isAbsolute`). */
  readonly windowsPaths: boolean;
  /** `link()` follows a final symbolic link instead of linking the link itself. */
  readonly linkFollowsSymlinks: boolean;
  /** `O_NOFOLLOW`, or 0 where the host lacks it. */
  readonly noFollowFlag: number;
  /** `O_DIRECTORY`, or 0 where the host lacks it. */
  readonly directoryFlag: number;
  readonly fs: HostFs;
}

const nodeFs: HostFs = {
  lstat: (path) => lstatSync(path, { throwIfNoEntry: false }),
  lstatBig: (path) => lstatSync(path, { bigint: true, throwIfNoEntry: false }),
  statBig: (path) => statSync(path, { bigint: true }),
  readlink: (path) => readlinkSync(path, 'utf8'),
  readlinkBytes: (path) => readlinkSync(path, { encoding: 'buffer' }),
  open: (path, flags, mode) => openSync(path, flags, mode),
  // `buffer` keeps names that are not UTF-8 intact (the typings only list string encodings).
  opendir: (path) => opendirSync(path, { encoding: 'buffer' as BufferEncoding }),
  mkdir: (path) => mkdirSync(path),
  rmdir: (path) => rmdirSync(path),
  unlink: (path) => unlinkSync(path),
  rename: (from, to) => renameSync(from, to),
  // An explicit type: without one, Node on Windows stats the target to choose, which for a UNC
  // target would make the host contact that server.
  symlink: (target, path, type) => symlinkSync(target, path, type),
  link: (existing, path) => linkSync(existing, path),
  utimes: (path, atime, mtime) => utimesSync(path, atime, mtime),
  lutimes: (path, atime, mtime) => lutimesSync(path, atime, mtime),
};

/** The rules of the OS this process runs on. */
function detectPlatform(): HostPlatform {
  const os = process.platform;
  return {
    fdDirectory: os === 'linux' && existsSync('/proc/self/fd') ? '/proc/self/fd' : undefined,
    windowsPaths: os === 'win32',
    // Linux's link() never follows; macOS's and the BSDs' follow (POSIX leaves it open), and
    // Windows is not relied on either way.
    linkFollowsSymlinks: os !== 'linux',
    noFollowFlag: constants.O_NOFOLLOW ?? 0,
    directoryFlag: constants.O_DIRECTORY ?? 0,
    fs: nodeFs,
  };
}

const hostPlatform = detectPlatform();
let current = hostPlatform;

export function platform(): HostPlatform {
  return current;
}

/** Runs the layer under another OS's rules (`simulatedPlatform`); undefined restores the host's. */
export function setPlatformForTesting(replacement: HostPlatform | undefined): void {
  current = replacement ?? hostPlatform;
}

/**
 * Another OS's rules on this (Linux) host, with a host file system that behaves as that OS's
 * would where confinement or results depend on it: on Windows `\` separates, a trailing slash is
 * dropped and rmdir removes a link to a directory; on both `link()` follows a final link and
 * unlink of a directory is EPERM. So a test that passes here would catch the escapes and
 * differences those open if the layer did not guard against them.
 */
export function simulatedPlatform(os: 'darwin' | 'win32'): HostPlatform {
  const windows = os === 'win32';
  const host = (path: string): string =>
    windows ? path.replaceAll('\\', '/').replace(/(?<=.)\/+$/, '') : path;
  const hostAny = (path: HostPath): HostPath => (typeof path === 'string' ? host(path) : path);
  const fs: HostFs = {
    lstat: (path) => nodeFs.lstat(hostAny(path)),
    lstatBig: (path) => nodeFs.lstatBig(hostAny(path)),
    statBig: (path) => nodeFs.statBig(host(path)),
    readlink: (path) => nodeFs.readlink(host(path)),
    readlinkBytes: (path) => nodeFs.readlinkBytes(host(path)),
    open: (path, flags, mode) => nodeFs.open(host(path), flags, mode),
    opendir: (path) => nodeFs.opendir(host(path)),
    mkdir: (path) => nodeFs.mkdir(host(path)),
    // Windows removes a link to a directory with rmdir; both refuse unlink of one with EPERM.
    rmdir: (path) =>
      windows && nodeFs.lstat(host(path))?.isSymbolicLink()
        ? nodeFs.unlink(host(path))
        : nodeFs.rmdir(host(path)),
    unlink: (path) => {
      if (nodeFs.lstat(host(path))?.isDirectory()) throw hostError('EPERM', 'unlink', path);
      nodeFs.unlink(host(path));
    },
    rename: (from, to) => nodeFs.rename(host(from), host(to)),
    symlink: (target, path, type) => nodeFs.symlink(target, host(path), type),
    link: (existing, path) => linkSync(realpathSync(host(existing)), host(path)),
    utimes: (path, atime, mtime) => nodeFs.utimes(host(path), atime, mtime),
    lutimes: (path, atime, mtime) => nodeFs.lutimes(host(path), atime, mtime),
  };
  return {
    fdDirectory: undefined,
    windowsPaths: windows,
    linkFollowsSymlinks: true,
    noFollowFlag: windows ? 0 : (constants.O_NOFOLLOW ?? 0),
    directoryFlag: windows ? 0 : (constants.O_DIRECTORY ?? 0),
    fs,
  };
}

/** Splits a guest path (or link target) into components; Windows also separates at `\`. */
export function splitPath(path: string): string[] {
  return current.windowsPaths ? path.split(/[\\/]/) : path.split('/');
}

/** Index of the last separator in `path`, or -1. */
export function lastSeparator(path: string): number {
  return current.windowsPaths
    ? Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
    : path.lastIndexOf('/');
}

/** Whether a character code separates components (`/`; on Windows also `\`). */
export function isSeparator(code: number): boolean {
  return code === 0x2f || (current.windowsPaths && code === 0x5c);
}

/**
 * Whether a guest path or link target is absolute: it starts with `/`; on Windows also with `\`
 * (a UNC or `\\?\` name, or the current drive's root) or a drive (`C:`, `C:\`).
 */
export function isAbsolute(path: string | Buffer): boolean {
  const first = path[0];
  const code = typeof first === 'string' ? first.charCodeAt(0) : first;
  if (code === 0x2f) return true;
  if (!current.windowsPaths) return false;
  if (code === 0x5c) return true;
  const second = path[1];
  const colon = typeof second === 'string' ? second === ':' : second === 0x3a;
  const letter = code !== undefined && (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  return colon && letter;
}

/** Device names Windows resolves in every directory, with or without an extension. */
const WINDOWS_DEVICE =
  /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;
/** Characters no Windows name may hold (`:` would name an alternate data stream). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

/** Whether `name` holds a control character, which Windows names may not. */
function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20) return true;
  return false;
}

/**
 * Refuses (EINVAL) a name the host would not take as it is: on Windows a device name (it would
 * open the device), a name ending in a dot or a space (Windows strips them, so `.. ` would mean
 * `..`), and characters Windows forbids in names. Elsewhere every name but `.`/`..` is plain.
 */
export function checkName(name: string): void {
  if (!current.windowsPaths) return;
  if (
    WINDOWS_FORBIDDEN.test(name) ||
    hasControlCharacter(name) ||
    name.endsWith('.') ||
    name.endsWith(' ') ||
    WINDOWS_DEVICE.test(name.trimEnd())
  ) {
    throw new WasiErrno(Errno.inval);
  }
}

/** A link target as the host stores it (Windows: `\` separators), ... */
export function hostLinkTarget(target: string): string {
  return current.windowsPaths ? target.replaceAll('/', '\\') : target;
}

/** ... and as the guest reads it back (Windows: `/` separators, as the guest wrote them). */
export function guestLinkTarget(contents: Buffer): Buffer {
  if (!current.windowsPaths) return contents;
  const copy = Buffer.from(contents);
  for (let i = 0; i < copy.length; i++) if (copy[i] === 0x5c) copy[i] = 0x2f;
  return copy;
}

/**
 * Opens a directory by host path (a preopen); where `O_DIRECTORY` is missing, anything else is
 * refused after opening, with the error the host would have given.
 */
export function openDirectory(host: string): number {
  const fd = current.fs.open(host, constants.O_RDONLY | current.directoryFlag);
  if (current.directoryFlag === 0 && !fstatSync(fd).isDirectory()) {
    closeQuietly(fd);
    throw hostError('ENOTDIR', 'open', host);
  }
  return fd;
}

/** An error shaped as `node:fs` throws them. */
function hostError(code: 'ENOTDIR' | 'EPERM', syscall: string, path: string): Error {
  const errno = code === 'ENOTDIR' ? -20 : -1;
  const message = code === 'ENOTDIR' ? 'not a directory' : 'operation not permitted';
  return Object.assign(new Error(`${code}: ${message}, ${syscall} '${path}'`), {
    code,
    errno,
    syscall,
    path,
  });
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing left to release.
  }
}
