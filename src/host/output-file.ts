/**
 * Output files, written so that a failed run never leaves a partial or empty file behind and
 * readers never see half a module: the bytes go to a temporary file beside the target, renamed
 * over it on success.
 *
 * Renaming is right only for regular files. The target may be a symbolic link (the link must stay
 * and its target be replaced, as a plain write through it would) or something that is not a file
 * at all, such as `/dev/null`, `/dev/stdout` or Windows' `NUL`: renaming over those would replace
 * the device or link itself (as root, even in /dev). Those are opened and written directly, as
 * upstream does.
 *
 * Windows differs in two ways, both handled in `replaceFile` so the result is the same everywhere:
 * a rename over a file that another process holds open (antivirus, search indexer, an editor)
 * fails for a moment, so it is retried for a few seconds; and a file with the read-only attribute
 * cannot be replaced at all, where POSIX needs only a writable directory, so the attribute is
 * cleared for the rename and set again on the new file.
 */
import {
  chmodSync,
  closeSync,
  fchmodSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  writevSync,
} from 'node:fs';
import * as nodePath from 'node:path';

/** How many links deep a target is followed, as the kernel's own limit (ELOOP past it). */
const MAX_LINK_DEPTH = 40;

/**
 * Waits between attempts to replace a file on Windows, in ms: a quick first retry (most holders
 * let go within milliseconds), then backing off, 5.3 s in all before giving up.
 */
export const WINDOWS_RENAME_DELAYS_MS: readonly number[] = [
  10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000, 1000,
];

/** The codes Windows reports while another process holds the target (or the temporary file). */
const WINDOWS_TRANSIENT_CODES: ReadonlySet<string> = new Set(['EPERM', 'EACCES', 'EBUSY']);

/** The operating system calls behind an output file, injectable so tests can play Windows. */
export interface OutputHost {
  platform: NodeJS.Platform;
  rename(from: string, to: string): void;
  /** Permission bits of `path` (on Windows, 0o444 means read-only), or undefined if missing. */
  mode(path: string): number | undefined;
  chmod(path: string, mode: number): void;
  /** Blocks for `ms`: writing is synchronous, and a retry must not let other work run between. */
  sleep(ms: number): void;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

export const NODE_OUTPUT_HOST: OutputHost = {
  platform: process.platform,
  rename: renameSync,
  mode: (path) => statOrUndefined(path)?.mode,
  chmod: chmodSync,
  sleep: (ms) => void Atomics.wait(sleepCell, 0, 0, ms),
};

/** Replacing an output failed for good: names the file and what usually causes it. */
export class OutputReplaceError extends Error {
  override name = 'OutputReplaceError';
  constructor(
    readonly path: string,
    /** The errno code of the last attempt (EPERM, EACCES or EBUSY). */
    readonly code: string,
    attempts: number,
    options: { cause: unknown },
  ) {
    super(
      `could not replace \`${path}\` (${code}) after ${attempts} attempts over ` +
        `${(totalDelayMs(attempts) / 1000).toFixed(1)} s: another program (an antivirus scanner, ` +
        'search indexer, editor or a running test) is holding it open; close that program or ' +
        'exclude the directory from scanning, then run again',
      options,
    );
  }
}

export class OutputFile {
  private constructor(
    /** The file the bytes end up in (links resolved). */
    readonly path: string,
    /** The temporary file renamed over `path`, or undefined when `path` is written directly. */
    private readonly temp: string | undefined,
    private fd: number | undefined,
    private readonly host: OutputHost,
  ) {}

  /**
   * Creates the temporary file (or opens a non-file target) up front, so that an unwritable
   * destination fails before any work is done. Throws the file system's error.
   */
  static create(target: string, host: OutputHost = NODE_OUTPUT_HOST): OutputFile {
    const existing = statOrUndefined(target);
    if ((existing && !existing.isFile()) || isWindowsDevice(target, host.platform)) {
      // A device, FIFO or socket is written in place; a directory fails here with EISDIR.
      return new OutputFile(target, undefined, openSync(target, 'w'), host);
    }
    const path = existing ? realPath(target) : followDanglingLinks(target);
    const { temp, fd } = createTemporary(path);
    // Replacing a file keeps its permissions, as truncating it in place would. Windows knows only
    // the read-only bit, which `replaceFile` carries over instead: set on the temporary file, it
    // would make the file undeletable should the rename fail.
    if (existing && host.platform !== 'win32') {
      try {
        fchmodSync(fd, existing.mode & 0o7777);
      } catch {
        // Not ours to change (another owner): the new file keeps the default mode.
      }
    }
    return new OutputFile(path, temp, fd, host);
  }

  /**
   * Writes all of `bytes` (one buffer, or the chunks it is made of, in order) and puts them in
   * place. On failure nothing is left behind.
   */
  commit(bytes: Uint8Array | readonly Uint8Array[]): void {
    try {
      if (bytes instanceof Uint8Array) writeFully(this.fd!, bytes);
      else writeChunks(this.fd!, bytes);
      closeSync(this.fd!);
      this.fd = undefined;
      if (this.temp !== undefined) replaceFile(this.temp, this.path, this.host);
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

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length;) {
    written += writeSync(fd, bytes, written, bytes.length - written);
  }
}

/** Chunks gathered into one system call per batch (as many as `writev` takes at once). */
const WRITEV_BATCH = 1024;

/** Writes chunks in order, a batch per `writev`; a short write finishes its batch chunk by chunk. */
function writeChunks(fd: number, chunks: readonly Uint8Array[]): void {
  for (let first = 0; first < chunks.length; first += WRITEV_BATCH) {
    const batch = chunks.slice(first, first + WRITEV_BATCH);
    let written = writevSync(fd, batch);
    for (const chunk of batch) {
      if (written >= chunk.length) written -= chunk.length;
      else {
        writeFully(fd, chunk.subarray(written));
        written = 0;
      }
    }
  }
}

/** Writes `bytes` to `target` as `OutputFile` does. */
export function writeOutputFile(target: string, bytes: Uint8Array): void {
  OutputFile.create(target).commit(bytes);
}

/**
 * Renames `temp` over `target`. On POSIX that is one atomic rename. On Windows (see the file
 * comment) a read-only target is made writable for the rename and the new file made read-only,
 * and a rename refused with EPERM, EACCES or EBUSY is retried with backoff; once the retries run
 * out it throws `OutputReplaceError`. Any other error is thrown as it is.
 */
export function replaceFile(temp: string, target: string, host: OutputHost): void {
  if (host.platform !== 'win32') {
    host.rename(temp, target);
    return;
  }
  const mode = host.mode(target);
  const readOnly = mode !== undefined && (mode & 0o200) === 0;
  if (readOnly) host.chmod(target, mode | 0o200);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        host.rename(temp, target);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (!WINDOWS_TRANSIENT_CODES.has(code)) throw error;
        const delay = WINDOWS_RENAME_DELAYS_MS[attempt];
        if (delay === undefined) {
          throw new OutputReplaceError(target, code, attempt + 1, { cause: error });
        }
        host.sleep(delay);
      }
    }
  } finally {
    // On success this marks the new file read-only, on failure the old one again. Best effort:
    // the bytes are in place (or the rename's error is the one to report) either way.
    if (readOnly) {
      try {
        host.chmod(target, mode);
      } catch {
        // left writable
      }
    }
  }
}

/**
 * Whether `target` names a Windows device (`NUL`, `CON`, `COM1`, ... in any directory and case,
 * or a `\\.\` path), which must be opened, never replaced: stat does not reliably call these
 * non-files, and a rename onto `NUL` would fail or create a file where a discard was meant.
 */
export function isWindowsDevice(target: string, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32') return false;
  if (/^[\\/]{2}\.[\\/]/.test(target)) return true;
  const base = nodePath.win32.basename(target).replace(/[ .]+$/, '');
  return /^(con|prn|aux|nul|conin\$|conout\$|com[1-9]|lpt[1-9])$/i.test(base);
}

function totalDelayMs(attempts: number): number {
  return WINDOWS_RENAME_DELAYS_MS.slice(0, attempts - 1).reduce((sum, ms) => sum + ms, 0);
}

/**
 * A new file beside `path`, created exclusively: hidden on POSIX, named by the process and a
 * random part, short (Windows paths may be limited to 260 characters). A name that exists (a
 * crashed run's leftover with a reused pid) is never opened; the next attempt draws another. The
 * names need not be unpredictable, only distinct, so no cryptographic source (whose loading costs
 * more than the rest of this) is used.
 */
function createTemporary(path: string): { temp: string; fd: number } {
  for (let attempt = 1; ; attempt++) {
    const random = Math.floor(Math.random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
    const temp = nodePath.join(
      nodePath.dirname(path),
      `.${nodePath.basename(path)}.${process.pid}-${random}.tmp`,
    );
    try {
      return { temp, fd: openSync(temp, 'wx') };
    } catch (error) {
      if (attempt < 8 && (error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
  }
}

/**
 * The target with links resolved. The native call can fail on Windows file systems that do not
 * report a final path (RAM disks, some network shares); the JavaScript walk works there too.
 */
function realPath(target: string): string {
  try {
    return realpathSync.native(target);
  } catch {
    return realpathSync(target);
  }
}

/** Where a write to a missing `target` creates the file: through a dangling link, its target. */
function followDanglingLinks(target: string): string {
  let path = nodePath.resolve(target);
  for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
    let link: string;
    try {
      link = readlinkSync(path);
    } catch {
      return path; // not a link (or not there): write here
    }
    path = nodePath.resolve(nodePath.dirname(path), link);
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
