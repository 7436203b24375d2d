/**
 * While a guest runs with inherited stdio, its text shares the step's stdout and stderr, where
 * the runner treats lines starting with `::` (or the legacy `##[`) as workflow commands: a module
 * could add masks, annotations or stop command processing. `::stop-commands::` does not help
 * here, because the runner reads stdout and stderr on separate threads with shared state, so a
 * resume token on one stream can overtake guest text on the other. Instead, every guest line
 * that would parse as a command gets a zero-width space in front, which the runner does not
 * trim and a reader does not see.
 *
 * The engine's WASI writes with `fs.writeSync` on fds 1 and 2, and a bounded run does so from a
 * worker thread, so the filter wraps `fs.writeSync` (in whichever thread runs the guest) as
 * well as the process streams.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const ZERO_WIDTH_SPACE = '\u200b';
/** A line whose first non-blank character is `:` or `#` might become a command. */
const COMMAND_START = /(^|\n)([ \t]*)([:#])/g;

/**
 * Escapes lines of `text` that could be commands. `lineBlank` says whether the text continues a
 * line that so far holds only blanks (true at the start of a line), so that a command split
 * across writes is caught too. Escaping every line that starts with `:` or `#` over-approximates
 * `::` and `##[` on purpose: the first character alone may arrive in one write.
 */
export function neutraliseCommands(text: string, lineBlank: boolean): string {
  return text.replace(
    COMMAND_START,
    (whole, newline: string, indent: string, marker: string, offset: number) =>
      offset === 0 && newline === '' && !lineBlank
        ? whole
        : `${newline}${indent}${ZERO_WIDTH_SPACE}${marker}`,
  );
}

/** Whether the line in progress after `text` holds only blanks. */
export function endsWithBlankLine(text: string, lineBlank: boolean): boolean {
  const lastNewline = text.lastIndexOf('\n');
  const tail = text.slice(lastNewline + 1);
  return /^[ \t]*$/.test(tail) && (lastNewline >= 0 || lineBlank);
}

/** Escapes one destination's text, remembering where its current line stands across writes. */
class LineFilter {
  private lineBlank = true;

  filter(text: string): string {
    const escaped = neutraliseCommands(text, this.lineBlank);
    this.lineBlank = endsWithBlankLine(text, this.lineBlank);
    return escaped;
  }
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Filters writes to `streams` until the returned function is called. */
export function guardStreams(streams: readonly NodeJS.WritableStream[]): () => void {
  const restores = streams.map((stream) => {
    const target = stream as unknown as { write: Write };
    const original = target.write;
    const lines = new LineFilter();
    target.write = function (chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
        return original.call(stream, chunk, ...rest);
      }
      const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
      const text = Buffer.from(chunk as string, encoding ?? 'utf8').toString('utf8');
      const args = encoding === undefined ? rest : ['utf8', ...rest.slice(1)];
      return original.call(stream, lines.filter(text), ...args);
    };
    return () => {
      target.write = original;
    };
  });
  return () => {
    for (const restore of restores) restore();
  };
}

type WriteSync = (fd: number, data: unknown, ...rest: unknown[]) => number;

/**
 * Filters `fs.writeSync` calls on `fds` (stdout, stderr) until the returned function is called. The caller
 * is told that all of its bytes were written (it loops until they are), while the escaped text
 * is written in full here.
 */
export function guardDescriptors(fds: readonly number[] = [1, 2]): () => void {
  const target = fs as unknown as { writeSync: WriteSync };
  const original = target.writeSync;
  const lines = new Map(fds.map((fd) => [fd, new LineFilter()]));
  target.writeSync = function (fd: number, data: unknown, ...rest: unknown[]): number {
    const filter = lines.get(fd);
    if (!filter) return original.call(fs, fd, data, ...rest);
    let text: string;
    let claimed: number;
    if (typeof data === 'string') {
      const encoding = typeof rest[1] === 'string' ? (rest[1] as BufferEncoding) : 'utf8';
      text = Buffer.from(data, encoding).toString('utf8');
      claimed = Buffer.byteLength(data, encoding);
    } else if (ArrayBuffer.isView(data)) {
      const options = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : {}) as {
        offset?: number;
        length?: number;
      };
      const offset = typeof rest[0] === 'number' ? rest[0] : (options.offset ?? 0);
      const length =
        typeof rest[1] === 'number' ? rest[1] : (options.length ?? data.byteLength - offset);
      text = Buffer.from(data.buffer, data.byteOffset + offset, length).toString('utf8');
      claimed = length;
    } else {
      return original.call(fs, fd, data, ...rest);
    }
    const bytes = Buffer.from(filter.filter(text), 'utf8');
    for (let done = 0; done < bytes.length;) {
      try {
        done += original.call(fs, fd, bytes, done, bytes.length - done);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      }
    }
    return claimed;
  };
  syncBuiltinESMExports();
  return () => {
    target.writeSync = original;
    syncBuiltinESMExports();
  };
}

/** Guards everything a guest can write through: process streams and fds 1 and 2. */
export function guardGuestOutput(): () => void {
  const releaseStreams = guardStreams([process.stdout, process.stderr]);
  const releaseDescriptors = guardDescriptors();
  return () => {
    releaseDescriptors();
    releaseStreams();
  };
}
