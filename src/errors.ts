import { constants as osConstants } from 'node:os';

/**
 * Error classes shared by every layer. Each sets `name` so callers can branch on it even when a
 * bundle holds two copies of a class; causes are chained with ES2022 `{ cause }` and rendered the
 * way upstream Wizer renders anyhow chains (`Error: msg`, blank line, `Caused by:`).
 */

/** A failure of the pre-initializer on a given module: what upstream reports with exit code 1. */
export class WizerError extends Error {
  override name = 'WizerError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The input bytes are not a well-formed or valid WebAssembly binary. */
export class WasmDecodeError extends WizerError {
  override name = 'WasmDecodeError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at offset 0x${offset.toString(16)})`);
  }
}

/** A trap or host error raised while the guest ran (start, `_initialize`, init function). */
export class GuestTrap extends WizerError {
  override name = 'GuestTrap';
}

/** The guest called WASI `proc_exit`: always an error during initialization. */
export class ProcExit extends GuestTrap {
  override name = 'ProcExit';
  constructor(readonly code: number) {
    super(`Exited with i32 exit status ${code}`);
  }
}

/** Command-line usage errors (upstream: clap errors, exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Bad action inputs or option values, reported before any work starts. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Cache failures: always downgraded to warnings by the action. */
export class CacheError extends Error {
  override name = 'CacheError';
}

/** The messages of an error and its causes, outermost first. */
export function errorChain(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  const seen = new Set<unknown>();
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    if (current instanceof Error) {
      out.push(current.message);
      current = current.cause;
    } else {
      out.push(String(current));
      break;
    }
  }
  return out;
}

/** Renders an error like Rust's anyhow `{:?}`: `msg`, blank line, `Caused by:`, numbered causes. */
export function formatErrorChain(error: unknown): string {
  const [head, ...causes] = errorChain(error);
  if (causes.length === 0) return head ?? '';
  // Continuation lines line up under the cause text: 4 columns alone, 7 after a number.
  const lines = causes.map((c, i) =>
    causes.length === 1 ? `    ${indent(c, 4)}` : `    ${i}: ${indent(c, 7)}`,
  );
  return `${head}\n\nCaused by:\n${lines.join('\n')}`;
}

function indent(text: string, columns: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(columns)}`);
}

/** Rust's `io::Error` wording (which upstream prints) for the errno codes file access can hit. */
const RUST_IO_MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
};

/** Node's errno errors in the wording of Rust's `io::Error`: `No such file ... (os error 2)`. */
export function osError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const errno = (osConstants.errno as Record<string, number | undefined>)[code];
  const text = RUST_IO_MESSAGES[code];
  if (text !== undefined && errno !== undefined) return `${text} (os error ${errno})`;
  return error instanceof Error ? error.message : String(error);
}
