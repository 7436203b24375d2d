/**
 * Content digests for cache keys: a file's bytes, or a whole preopened tree (names, kinds, sizes,
 * file bytes and symlink targets, in byte order of names). Only contents are hashed, never the
 * host path. A missing path has a fixed digest: the wizening will fail on it anyway, and
 * failures are never cached.
 *
 * A tree hashes the same on every OS when it holds the same bytes: relative paths are joined with
 * '/' whatever the host's separator, and link targets, which Windows reads back with '\\', are
 * written with '/' too. File bytes are hashed as they are, since they are what the guest reads: a
 * checkout that turns LF into CRLF (Git's `core.autocrlf` on Windows) gives other keys, and may
 * give another module. Marking such files `-text` in .gitattributes keeps them identical.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import * as nodePath from 'node:path';

const MISSING = 'missing';

export async function digestFile(path: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return MISSING;
  }
}

/**
 * Digest of the tree at `root`. `hostPath` gives the host's separator (node:path by default;
 * tests pass path.win32 to see what a Windows host hashes). Files are always read through the
 * native path module.
 */
export async function digestTree(
  root: string,
  hostPath: Pick<nodePath.PlatformPath, 'sep'> = nodePath,
): Promise<string> {
  const hash = createHash('sha256');
  try {
    const info = await lstat(root);
    if (!info.isDirectory()) return MISSING;
  } catch {
    return MISSING;
  }
  await walk(root, '', hash, hostPath.sep);
  return hash.digest('hex');
}

async function walk(
  dir: string,
  prefix: string,
  hash: ReturnType<typeof createHash>,
  sep: string,
): Promise<void> {
  const names = (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const path = nodePath.join(dir, name);
    // '/'-joined on every host (a name never holds the host's separator). JSON-quoted so that no
    // file name can imitate a record separator.
    const rel = prefix + name;
    const quoted = JSON.stringify(rel);
    const info = await lstat(path);
    if (info.isDirectory()) {
      hash.update(`d ${quoted}\n`);
      await walk(path, `${rel}/`, hash, sep);
    } else if (info.isFile()) {
      const content = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      hash.update(`f ${quoted} ${info.size} ${content}\n`);
    } else if (info.isSymbolicLink()) {
      const target = portableLinkTarget(await readlink(path), sep);
      hash.update(`l ${quoted} ${JSON.stringify(target)}\n`);
    } else {
      hash.update(`o ${quoted}\n`);
    }
  }
}

/**
 * A link target with the host's separator turned into '/'. Only a Windows host converts: there
 * '\\' is the separator, while on POSIX it is an ordinary character of a name.
 */
export function portableLinkTarget(target: string, sep: string): string {
  return sep === '/' ? target : target.split(sep).join('/');
}
