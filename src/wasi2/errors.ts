/**
 * How the WASI 0.2 host reports failures to jco's glue. A function whose WIT result is
 * `result<_, E>` fails by throwing an object with an own `payload` (jco's `ComponentError`
 * convention): the glue lowers `payload` as the `err` case. Anything else thrown, including
 * `GuestTrap`s such as `exit`'s `ProcExit`, is rethrown by the glue and becomes a trap.
 */
import { GuestTrap } from '../errors.js';
import { Errno } from '../wasi/constants.js';
import { WasiErrno } from '../wasi/errno.js';

/** `wasi:filesystem/types.error-code`. */
export type ErrorCode =
  | 'access'
  | 'would-block'
  | 'already'
  | 'bad-descriptor'
  | 'busy'
  | 'deadlock'
  | 'quota'
  | 'exist'
  | 'file-too-large'
  | 'illegal-byte-sequence'
  | 'in-progress'
  | 'interrupted'
  | 'invalid'
  | 'io'
  | 'is-directory'
  | 'loop'
  | 'too-many-links'
  | 'message-size'
  | 'name-too-long'
  | 'no-device'
  | 'no-entry'
  | 'no-lock'
  | 'insufficient-memory'
  | 'insufficient-space'
  | 'not-directory'
  | 'not-empty'
  | 'not-recoverable'
  | 'unsupported'
  | 'no-tty'
  | 'no-such-device'
  | 'overflow'
  | 'not-permitted'
  | 'pipe'
  | 'read-only'
  | 'invalid-seek'
  | 'text-file-busy'
  | 'cross-device';

/** `wasi:sockets/network.error-code` values this host returns. */
export type SocketErrorCode = 'access-denied' | 'not-supported' | 'invalid-argument';

/** The `err` case of a WIT result, thrown (jco: `ComponentError`). */
export class ResultError<E> extends Error {
  override name = 'ResultError';
  constructor(readonly payload: E) {
    super(typeof payload === 'string' ? payload : 'WASI error');
  }
}

/** Throws `code` as the `err` case of a filesystem result. */
export function fail(code: ErrorCode): never {
  throw new ResultError(code);
}

/**
 * The host errors upstream recognises (Wasmtime's `from_raw_os_error`, Unix), by Node's code.
 * Any other OS error is `io`, as upstream falls back to the error kind and every errno not listed
 * here has a kind upstream maps to `io`.
 */
const CODE_BY_HOST_ERROR: Readonly<Record<string, ErrorCode>> = {
  EPIPE: 'pipe',
  EPERM: 'not-permitted',
  ENOENT: 'no-entry',
  ENOMEM: 'insufficient-memory',
  EIO: 'io',
  EBADF: 'bad-descriptor',
  EBUSY: 'busy',
  EACCES: 'access',
  ENOTDIR: 'not-directory',
  EISDIR: 'is-directory',
  EINVAL: 'invalid',
  EEXIST: 'exist',
  EFBIG: 'file-too-large',
  ENOSPC: 'insufficient-space',
  ESPIPE: 'invalid-seek',
  EMLINK: 'too-many-links',
  ENAMETOOLONG: 'name-too-long',
  ENOTEMPTY: 'not-empty',
  ELOOP: 'loop',
  EOVERFLOW: 'overflow',
  EILSEQ: 'illegal-byte-sequence',
  ENOTSUP: 'unsupported',
  EOPNOTSUPP: 'unsupported',
  EALREADY: 'already',
  EINPROGRESS: 'in-progress',
  EINTR: 'interrupted',
};

/** The codes of the checks the shared path layer makes itself (it throws preview1 errnos). */
const CODE_BY_ERRNO: ReadonlyMap<number, ErrorCode> = new Map<number, ErrorCode>([
  [Errno.perm, 'not-permitted'],
  [Errno.noent, 'no-entry'],
  [Errno.loop, 'loop'],
  [Errno.notdir, 'not-directory'],
  [Errno.isdir, 'is-directory'],
  [Errno.exist, 'exist'],
  [Errno.inval, 'invalid'],
  [Errno.badf, 'bad-descriptor'],
  [Errno.notsup, 'unsupported'],
  [Errno.nametoolong, 'name-too-long'],
  [Errno.fbig, 'file-too-large'],
  [Errno.ilseq, 'illegal-byte-sequence'],
]);

/** The error code for a failure of a host call or a sandbox check; anything else is rethrown. */
export function errorCodeOf(error: unknown): ErrorCode {
  if (error instanceof ResultError) return error.payload as ErrorCode;
  if (error instanceof WasiErrno) return CODE_BY_ERRNO.get(error.errno) ?? 'io';
  if (error instanceof GuestTrap) throw error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return CODE_BY_HOST_ERROR[error.code] ?? 'io';
  }
  throw error;
}

/** Runs `body`, turning its failures into the `err` case of a filesystem result. */
export function fsCall<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw new ResultError(errorCodeOf(error));
  }
}

/**
 * The `wasi:io/error.error` resource: what made a stream fail. Streams over files carry the
 * filesystem error code, which `filesystem-error-code` returns.
 */
export class IoError {
  constructor(
    /** The filesystem error code, when the failure was a file or stdio operation. */
    readonly code: ErrorCode | undefined,
    private readonly message: string,
  ) {}

  toDebugString(): string {
    return this.message;
  }
}

/** `wasi:io/streams.stream-error`. */
export type StreamError = { tag: 'closed' } | { tag: 'last-operation-failed'; val: IoError };

/**
 * The stream error for a failed host operation (the stream is closed afterwards). Its debug
 * string names the error, never a host path: the guest may keep it in its memory.
 */
export function streamFailure(error: unknown): ResultError<StreamError> {
  const code = errorCodeOf(error);
  const host = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  const message = host === undefined ? code : `${code} (${host})`;
  return new ResultError<StreamError>({
    tag: 'last-operation-failed',
    val: new IoError(code, message),
  });
}

/** The `closed` stream error. */
export function streamClosed(): ResultError<StreamError> {
  return new ResultError<StreamError>({ tag: 'closed' });
}

/** A trap raised by the host (a guest misuse upstream also traps on). */
export function hostTrap(message: string): GuestTrap {
  return new GuestTrap(message);
}
