/**
 * Path lookup confined to a directory, with the results of cap-std (which upstream's WASI uses):
 * components are resolved one at a time with `lstat`; symbolic links are expanded here, never by
 * the host; `..` above the starting directory, absolute paths and absolute link targets fail with
 * EPERM. Every host path handed to `node:fs` afterwards has only real directories before its last
 * component, so the host cannot follow anything out of the sandbox.
 *
 * Host paths are built by string concatenation: `node:path` would normalise `a/..` lexically.
 * What differs per host OS (path syntax, how directories are named) comes from platform.ts.
 */
import { fstatSync, type Stats } from 'node:fs';
import { Errno, MAX_SYMLINK_EXPANSIONS } from './constants.js';
import { WasiErrno } from './errno.js';
import {
  checkName,
  isAbsolute,
  isSeparator,
  lastSeparator,
  platform,
  splitPath,
} from './platform.js';

/** Where a lookup ended: an entry `name` inside the directory `parent`, or `parent` itself. */
export interface Lookup {
  /** Host path of the directory holding the final entry. */
  parent: string;
  /** Components from the starting directory to `parent` (real directories, no links). */
  components: string[];
  /** Final component, or undefined when the path names `parent` itself (`.`, `a/..`). */
  name: string | undefined;
  /** `lstat` of the final entry; undefined when it does not exist (or is `parent` itself). */
  stat: Stats | undefined;
  /** The path ended with `/` (or `/.`) after its final component: it must be a directory. */
  trailingSlash: boolean;
}

export function hostPathOf(lookup: Lookup): string {
  return lookup.name === undefined ? lookup.parent : `${lookup.parent}/${lookup.name}`;
}

/** Rejects paths no lookup may start with: empty (ENOENT), absolute (EPERM), NUL (EINVAL). */
function checkPath(path: string): void {
  if (path.length === 0) throw new WasiErrno(Errno.noent);
  if (isAbsolute(path)) throw new WasiErrno(Errno.perm);
  if (path.includes('\0')) throw new WasiErrno(Errno.inval);
}

/** Whether `pending` (a reversed component list) still holds a component that moves the walk. */
function hasStep(pending: string[]): boolean {
  for (let i = pending.length - 1; i >= 0; i--) {
    const c = pending[i];
    if (c !== '' && c !== '.') return true;
  }
  return false;
}

function join(base: string, stack: string[]): string {
  return stack.length === 0 ? base : `${base}/${stack.join('/')}`;
}

/**
 * Walks `path` from the directory `base`. Intermediate symlinks are always followed; the final one
 * only when `follow` is set or the path ends with a slash.
 */
export function lookup(base: string, path: string, follow: boolean): Lookup {
  checkPath(path);
  const fs = platform().fs;
  const pending = splitPath(path).reverse();
  const stack: string[] = [];
  let expansions = 0;
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name === '' || name === '.') continue;
    if (name === '..') {
      if (stack.length === 0) throw new WasiErrno(Errno.perm);
      stack.pop();
      continue;
    }
    checkName(name);
    const more = hasStep(pending);
    const trailingSlash = !more && pending.length > 0;
    const parent = join(base, stack);
    const stat = fs.lstat(`${parent}/${name}`);
    if (stat === undefined) {
      if (more) throw new WasiErrno(Errno.noent);
      return { parent, components: stack, name, stat, trailingSlash };
    }
    if (stat.isSymbolicLink() && (more || follow || trailingSlash)) {
      if (++expansions > MAX_SYMLINK_EXPANSIONS) throw new WasiErrno(Errno.loop);
      const target = fs.readlink(`${parent}/${name}`);
      if (isAbsolute(target)) throw new WasiErrno(Errno.perm);
      // A link to "" names nothing (Linux: ENOENT).
      if (target.length === 0) throw new WasiErrno(Errno.noent);
      const parts = splitPath(target);
      for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i] as string);
      continue;
    }
    if (more) {
      if (!stat.isDirectory()) throw new WasiErrno(Errno.notdir);
      stack.push(name);
      continue;
    }
    return { parent, components: stack, name, stat, trailingSlash };
  }
  return {
    parent: join(base, stack),
    components: stack,
    name: undefined,
    stat: undefined,
    trailingSlash: false,
  };
}

/**
 * Resolves a path that must name an existing directory; returns its host path and the real
 * directories from `base` to it.
 */
export function lookupDirectory(
  base: string,
  path: string,
): { host: string; components: string[] } {
  if (path.length === 0) return { host: base, components: [] };
  const found = lookup(base, path, true);
  if (found.name === undefined) return { host: found.parent, components: found.components };
  if (found.stat === undefined) throw new WasiErrno(Errno.noent);
  if (!found.stat.isDirectory()) throw new WasiErrno(Errno.notdir);
  return { host: `${found.parent}/${found.name}`, components: [...found.components, found.name] };
}

/**
 * Re-checks that `components` below `root` are still real directories and lead to the directory
 * open as `hostFd`, for hosts without `/proc/self/fd`, where a directory descriptor is known by
 * path and could have been renamed away and replaced by a link or another directory (ENOENT).
 * Returns the host path.
 */
export function verifiedDirectory(
  root: string,
  components: readonly string[],
  hostFd: number,
): string {
  const fs = platform().fs;
  let host = root;
  for (const name of components) {
    host = `${host}/${name}`;
    const stat = fs.lstat(host);
    if (stat === undefined || !stat.isDirectory()) throw new WasiErrno(Errno.noent);
  }
  // The preopen itself was opened following links, as the user named it.
  const found = components.length === 0 ? fs.statBig(host) : fs.lstatBig(host);
  const open = fstatSync(hostFd, { bigint: true });
  if (found === undefined || found.ino !== open.ino || found.dev !== open.dev) {
    throw new WasiErrno(Errno.noent);
  }
  return host;
}

/**
 * Splits `path` into its directory (resolved, following links) and last component, as cap-std's
 * "open parent" does: a path ending with `/` or `/.` names `.` inside itself. `..` as the last
 * component of the starting directory would leave it: EPERM.
 */
export function lookupParent(
  base: string,
  path: string,
): { dir: string; components: string[]; name: string; host: string } {
  checkPath(path);
  let dirPath: string;
  let name: string;
  const slash = lastSeparator(path);
  if (slash >= 0 && (slash === path.length - 1 || path.slice(slash + 1) === '.')) {
    dirPath = path;
    name = '.';
  } else {
    dirPath = slash < 0 ? '' : path.slice(0, slash);
    name = path.slice(slash + 1);
  }
  const dir = lookupDirectory(base, dirPath);
  if (name === '..' && dir.components.length === 0) throw new WasiErrno(Errno.perm);
  if (name !== '.' && name !== '..') checkName(name);
  return { dir: dir.host, components: dir.components, name, host: `${dir.host}/${name}` };
}

/** `path` without trailing slashes (a lone `/` is kept, so it still fails as absolute). */
export function stripTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && isSeparator(path.charCodeAt(end - 1))) end--;
  return path.slice(0, end);
}

/** The last component of `path` (after its last separator). */
export function lastComponent(path: string): string {
  return path.slice(lastSeparator(path) + 1);
}
