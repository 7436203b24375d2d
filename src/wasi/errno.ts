/** A WASI call's failure as an errno, and the translation of host errors to errno values. */
import { GuestTrap } from '../errors.js';
import { Errno, errnoByCode } from './constants.js';

/** Thrown inside the layer to return an errno to the guest; never escapes an import function. */
export class WasiErrno extends Error {
  override name = 'WasiErrno';
  constructor(readonly errno: number) {
    super(`WASI errno ${errno}`);
  }
}

/** The errno an import returns for `error`; traps (and bugs without an errno) are rethrown. */
export function errnoOf(error: unknown): number {
  if (error instanceof WasiErrno) return error.errno;
  if (error instanceof GuestTrap) throw error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return errnoByCode[error.code] ?? Errno.io;
  }
  throw error;
}
