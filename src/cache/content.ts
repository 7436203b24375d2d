/**
 * Content digests for cache keys: a file's bytes, or a whole preopened tree (names, kinds, sizes,
 * file bytes and symlink targets, in byte order of names). Only contents are hashed, never the
 * host path. A missing path has a fixed digest: the wizening will fail on it anyway, and
 * failures are never cached.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

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

export async function digestTree(root: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    const info = await lstat(root);
    if (!info.isDirectory()) return MISSING;
  } catch {
    return MISSING;
  }
  await walk(root, '', hash);
  return hash.digest('hex');
}

async function walk(
  dir: string,
  prefix: string,
  hash: ReturnType<typeof createHash>,
): Promise<void> {
  const names = (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const path = join(dir, name);
    // JSON-quoted so that no file name can imitate a record separator.
    const rel = prefix + name;
    const quoted = JSON.stringify(rel);
    const info = await lstat(path);
    if (info.isDirectory()) {
      hash.update(`d ${quoted}\n`);
      await walk(path, `${rel}/`, hash);
    } else if (info.isFile()) {
      const content = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      hash.update(`f ${quoted} ${info.size} ${content}\n`);
    } else if (info.isSymbolicLink()) {
      hash.update(`l ${quoted} ${JSON.stringify(await readlink(path))}\n`);
    } else {
      hash.update(`o ${quoted}\n`);
    }
  }
}
