/**
 * Path lookup confined to a directory, with the results of cap-std (which upstream's WASI uses):
 * components are resolved one at a time with `lstat`; symbolic links are expanded here, never by
 * the host; `..` above the starting directory, absolute paths and absolute link targets fail with
 * EPERM. Every host path handed to `node:fs` afterwards has only real directories before its last
 * component, so the host cannot follow anything out of the sandbox.
 *
 * Host paths are built by string concatenation: `node:path` would normalise `a/..` lexically.
 */
import { lstatSync, readlinkSync, type Stats } from 'node:fs';
import { Errno, MAX_SYMLINK_EXPANSIONS } from './constants.js';
import { WasiErrno } from './errno.js';

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
  if (path.charCodeAt(0) === 0x2f) throw new WasiErrno(Errno.perm);
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
  const pending = path.split('/').reverse();
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
    const more = hasStep(pending);
    const trailingSlash = !more && pending.length > 0;
    const parent = join(base, stack);
    const stat = lstatSync(`${parent}/${name}`, { throwIfNoEntry: false });
    if (stat === undefined) {
      if (more) throw new WasiErrno(Errno.noent);
      return { parent, components: stack, name, stat, trailingSlash };
    }
    if (stat.isSymbolicLink() && (more || follow || trailingSlash)) {
      if (++expansions > MAX_SYMLINK_EXPANSIONS) throw new WasiErrno(Errno.loop);
      const target = readlinkSync(`${parent}/${name}`, 'utf8');
      if (target.charCodeAt(0) === 0x2f) throw new WasiErrno(Errno.perm);
      // A link to "" names nothing (Linux: ENOENT).
      if (target.length === 0) throw new WasiErrno(Errno.noent);
      const parts = target.split('/');
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

/** Resolves a path that must name an existing directory; returns its host path and depth. */
export function lookupDirectory(base: string, path: string): { host: string; depth: number } {
  if (path.length === 0) return { host: base, depth: 0 };
  const found = lookup(base, path, true);
  if (found.name === undefined) return { host: found.parent, depth: found.components.length };
  if (found.stat === undefined) throw new WasiErrno(Errno.noent);
  if (!found.stat.isDirectory()) throw new WasiErrno(Errno.notdir);
  return { host: `${found.parent}/${found.name}`, depth: found.components.length + 1 };
}

/**
 * Re-checks that `components` below `root` are still real directories, for hosts without
 * `/proc/self/fd`, where a directory descriptor is known by path and could have been renamed away
 * and replaced by a link. Returns the host path.
 */
export function verifiedDirectory(root: string, components: readonly string[]): string {
  let host = root;
  for (const name of components) {
    host = `${host}/${name}`;
    const stat = lstatSync(host, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isDirectory()) throw new WasiErrno(Errno.noent);
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
): { dir: string; name: string; host: string } {
  checkPath(path);
  let dirPath: string;
  let name: string;
  if (path.endsWith('/') || path.endsWith('/.')) {
    dirPath = path;
    name = '.';
  } else {
    const slash = path.lastIndexOf('/');
    dirPath = slash < 0 ? '' : path.slice(0, slash);
    name = path.slice(slash + 1);
  }
  const dir = lookupDirectory(base, dirPath);
  if (name === '..' && dir.depth === 0) throw new WasiErrno(Errno.perm);
  return { dir: dir.host, name, host: `${dir.host}/${name}` };
}

/** `path` without trailing slashes (a lone `/` is kept, so it still fails as absolute). */
export function stripTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}
