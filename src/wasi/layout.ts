/** Memory layouts of preview1 result structs that take more than a field or two. */
import type { DirEntry, Filestat } from './filesystem.js';
import type { GuestMemory } from './memory.js';

export function writeFilestat(
  memory: GuestMemory,
  func: string,
  ptr: number,
  stat: Filestat,
): void {
  const view = memory.result(func, 'filestat', ptr, 64, 8);
  view.setBigUint64(ptr, stat.dev, true);
  view.setBigUint64(ptr + 8, stat.ino, true);
  view.setBigUint64(ptr + 16, 0n, true);
  view.setUint8(ptr + 16, stat.filetype);
  view.setBigUint64(ptr + 24, stat.nlink, true);
  view.setBigUint64(ptr + 32, stat.size, true);
  view.setBigUint64(ptr + 40, stat.atim, true);
  view.setBigUint64(ptr + 48, stat.mtim, true);
  view.setBigUint64(ptr + 56, stat.ctim, true);
}

/** Serialises entries from index `cookie` on; the last one may be cut off at the buffer's end. */
export function writeDirEntries(
  memory: GuestMemory,
  ptr: number,
  len: number,
  entries: readonly DirEntry[],
  cookie: bigint,
): number {
  const bytes = memory.check(ptr, len);
  const header = new DataView(new ArrayBuffer(24));
  const headerBytes = new Uint8Array(header.buffer);
  let used = 0;
  for (
    let i = Number(cookie > BigInt(entries.length) ? entries.length : cookie);
    i < entries.length;
    i++
  ) {
    const entry = entries[i] as DirEntry;
    header.setBigUint64(0, BigInt(i + 1), true);
    header.setBigUint64(8, entry.ino, true);
    header.setUint32(16, entry.name.length, true);
    header.setUint32(20, entry.filetype, true);
    for (const part of [headerBytes, entry.name]) {
      const n = Math.min(part.length, len - used);
      bytes.set(part.subarray(0, n), ptr + used);
      used += n;
    }
    if (used === len) break;
  }
  return used;
}
