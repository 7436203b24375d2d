/**
 * Reading an input module whole. A regular file is read into a WebAssembly.Memory
 * (`wasmMemoryBuffer`), where the compiled code walk reads it in place: megabytes of code are not
 * copied again, and fresh memory is what costs here (page faults), not the reading.
 */
import { fstatSync, readFileSync, readSync } from 'node:fs';
import { wasmMemoryBuffer } from '../wasm/code-kernel.js';

/** The contents of the open file `fd`, from its current position to its end. */
export function readWholeFile(fd: number): Uint8Array {
  const stats = fstatSync(fd);
  if (!stats.isFile() || stats.size === 0) return readFileSync(fd);
  let bytes: Uint8Array;
  try {
    bytes = wasmMemoryBuffer(stats.size);
  } catch {
    return readFileSync(fd); // no address space for another memory: an ordinary buffer
  }
  let read = 0;
  while (read < bytes.length) {
    const n = readSync(fd, bytes, read, bytes.length - read, null);
    if (n === 0) break;
    read += n;
  }
  // A file that grew while being read: the rest, as readFileSync would have returned it.
  const rest = readFileSync(fd);
  const head = bytes.subarray(0, read);
  return rest.length === 0 ? head : Buffer.concat([head, rest]);
}
