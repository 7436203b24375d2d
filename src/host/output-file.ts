/**
 * Output files, written so that a failed run never leaves a partial or empty file behind and
 * readers never see half a module: the bytes go to a temporary file beside the target, renamed
 * over it on success.
 *
 * Renaming is right only for regular files. The target may be a symbolic link (the link must stay
 * and its target be replaced, as a plain write through it would) or something that is not a file
 * at all, such as `/dev/null` or `/dev/stdout`: renaming over those would replace the device or
 * link itself (as root, even in /dev). Those are opened and written directly, as upstream does.
 */
import {
  closeSync,
  fchmodSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** How many links deep a target is followed, as the kernel's own limit (ELOOP past it). */
const MAX_LINK_DEPTH = 40;

export class OutputFile {
  private constructor(
    /** The file the bytes end up in (links resolved). */
    readonly path: string,
    /** The temporary file renamed over `path`, or undefined when `path` is written directly. */
    private readonly temp: string | undefined,
    private fd: number | undefined,
  ) {}

  /**
   * Creates the temporary file (or opens a non-file target) up front, so that an unwritable
   * destination fails before any work is done. Throws the file system's error.
   */
  static create(target: string): OutputFile {
    const existing = statOrUndefined(target);
    if (existing && !existing.isFile()) {
      // A device, FIFO or socket is written in place; a directory fails here with EISDIR.
      return new OutputFile(target, undefined, openSync(target, 'w'));
    }
    const path = existing ? realpathSync.native(target) : followDanglingLinks(target);
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    const fd = openSync(temp, 'wx');
    try {
      // Replacing a file keeps its permissions, as truncating it in place would.
      if (existing) fchmodSync(fd, existing.mode & 0o7777);
    } catch {
      // Not ours to change (another owner): the new file keeps the default mode.
    }
    return new OutputFile(path, temp, fd);
  }

  /** Writes all of `bytes` and puts them in place. On failure nothing is left behind. */
  commit(bytes: Uint8Array): void {
    try {
      for (let written = 0; written < bytes.length;) {
        written += writeSync(this.fd!, bytes, written, bytes.length - written);
      }
      closeSync(this.fd!);
      this.fd = undefined;
      if (this.temp !== undefined) renameSync(this.temp, this.path);
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /** Gives up: closes and removes the temporary file (a direct target is left as it is). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.temp !== undefined) rmSync(this.temp, { force: true });
  }
}

/** Writes `bytes` to `target` as `OutputFile` does. */
export function writeOutputFile(target: string, bytes: Uint8Array): void {
  OutputFile.create(target).commit(bytes);
}

/** Where a write to a missing `target` creates the file: through a dangling link, its target. */
function followDanglingLinks(target: string): string {
  let path = resolve(target);
  for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
    let link: string;
    try {
      link = readlinkSync(path);
    } catch {
      return path; // not a link (or not there): write here
    }
    path = resolve(dirname(path), link);
  }
  return path; // a loop: opening it reports ELOOP
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
