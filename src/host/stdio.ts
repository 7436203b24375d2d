/**
 * Synchronous writes to the process's standard streams. The guest's output (WASI fds 1 and 2) and
 * the CLI's messages go out this way, in the order they are made, each call returning once the OS
 * has every byte. For stderr it also saves building `process.stderr`, which loads Node's stream
 * and socket modules when it is a pipe (~10 ms of a start).
 */
import { writeSync } from 'node:fs';
import { sleepSync } from '../sources/index.js';

/** Whether a read or write failed only because a non-blocking descriptor had to wait. */
export function isAgain(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EAGAIN';
}

/**
 * Writes all of `bytes` to `fd`. A pipe another process left non-blocking fails with EAGAIN while
 * it is full; the write is retried until the reader has made room.
 */
export function writeFullySync(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      if (!isAgain(error)) throw error;
      sleepSync(1);
    }
  }
}

/** Whether text for stderr must go through Node's stream: see `stderrText`. */
let throughStream: boolean | undefined;

/**
 * Text to the process's stderr, written before `write` returns. A Windows console is the
 * exception: it takes UTF-16 text, which Node's stream writes and bytes written to the handle
 * are not (they would show in the console's code page), so there it goes through `process.stderr`.
 */
export const stderrText = {
  write(text: string): void {
    throughStream ??=
      process.platform === 'win32' && process.getBuiltinModule('node:tty').isatty(2);
    if (throughStream) process.stderr.write(text);
    else writeFullySync(2, Buffer.from(text));
  },
};
