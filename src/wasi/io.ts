/**
 * Reading, writing and seeking. Like upstream's preview1, each call transfers only the first
 * non-empty buffer of its iovec list; callers pass that one buffer here.
 */
import { fdatasyncSync, fstatSync, fsyncSync, readSync, writeSync } from 'node:fs';
import { isAgain, writeFullySync } from '../host/stdio.js';
import { Errno, Whence } from './constants.js';
import type { DescriptorTable, FileDescriptor } from './descriptors.js';
import { WasiErrno } from './errno.js';
import { CommandEscaper } from './command-escape.js';
import { sleepSync } from '../sources/index.js';

/** The guest's standard streams: the host's (0, 1, 2 unless a test passes others) or null sinks. */
export class Stdio {
  /** Whether each host stream is a terminal, asked on first use (loading `node:tty` costs). */
  private readonly tty: Array<boolean | undefined> = [];
  /** Per host stream, when guest lines that look like CI workflow commands are escaped. */
  private readonly escapers: Partial<Record<1 | 2, CommandEscaper>>;

  constructor(
    private readonly inherit: boolean,
    private readonly hostFds: readonly [number, number, number],
    escapeWorkflowCommands = false,
  ) {
    this.escapers = escapeWorkflowCommands
      ? { 1: new CommandEscaper(), 2: new CommandEscaper() }
      : {};
  }

  isTty(stream: 0 | 1 | 2): boolean {
    if (!this.inherit) return false;
    return (this.tty[stream] ??= process.getBuiltinModule('node:tty').isatty(this.hostFds[stream]));
  }

  read(target: Uint8Array, offset: number, length: number): number {
    if (!this.inherit || length === 0) return 0;
    for (;;) {
      try {
        return readSync(this.hostFds[0], target, offset, length, null);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'EOF') return 0;
        if (!isAgain(error)) throw error;
        sleepSync(1);
      }
    }
  }

  /** Writes everything (upstream blocks until flushed) and reports the guest's full length. */
  write(hostStream: 1 | 2, source: Uint8Array, offset: number, length: number): number {
    if (!this.inherit) return length;
    const fd = this.hostFds[hostStream];
    const escaper = this.escapers[hostStream];
    const bytes = escaper
      ? escaper.escape(source.subarray(offset, offset + length))
      : source.subarray(offset, offset + length);
    writeFullySync(fd, bytes);
    return length;
  }
}

export class FileIo {
  constructor(
    private readonly table: DescriptorTable,
    private readonly stdio: Stdio,
    private readonly stdoutToStderr: boolean,
  ) {}

  private readableFile(fd: number): FileDescriptor {
    const file = this.table.file(fd);
    if (!file.readable) throw new WasiErrno(Errno.badf);
    return file;
  }

  private writableFile(fd: number): FileDescriptor {
    const file = this.table.file(fd);
    if (!file.writable) throw new WasiErrno(Errno.badf);
    return file;
  }

  read(fd: number, target: Uint8Array, offset: number, length: number): number {
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') {
      if (entry.stream !== 0) throw new WasiErrno(Errno.badf);
      return this.stdio.read(target, offset, length);
    }
    const file = this.readableFile(fd);
    const n = readSync(file.hostFd, target, offset, length, file.position);
    file.position += n;
    return n;
  }

  pread(fd: number, target: Uint8Array, offset: number, length: number, at: bigint): number {
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') throw new WasiErrno(entry.stream === 0 ? Errno.spipe : Errno.badf);
    const file = this.readableFile(fd);
    return readSync(file.hostFd, target, offset, length, at);
  }

  write(fd: number, source: Uint8Array, offset: number, length: number): number {
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') {
      if (entry.stream === 0) throw new WasiErrno(Errno.badf);
      const hostStream = entry.stream === 1 && this.stdoutToStderr ? 2 : entry.stream;
      return this.stdio.write(hostStream, source, offset, length);
    }
    const file = this.writableFile(fd);
    const at = file.append ? this.size(file) : file.position;
    const n = writeSync(file.hostFd, source, offset, length, at);
    file.position = at + n;
    return n;
  }

  pwrite(fd: number, source: Uint8Array, offset: number, length: number, at: bigint): number {
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') throw new WasiErrno(entry.stream === 0 ? Errno.badf : Errno.spipe);
    const file = this.writableFile(fd);
    // Upstream's host descriptor has O_APPEND, where Linux ignores the offset of pwrite.
    return writeSync(
      file.hostFd,
      source,
      offset,
      length,
      file.append ? this.size(file) : Number(at),
    );
  }

  seek(fd: number, delta: bigint, whence: number): number {
    const entry = this.table.get(fd);
    if (entry.kind === 'stdio') throw new WasiErrno(Errno.spipe);
    const file = this.table.file(fd);
    const from =
      whence === Whence.set ? 0 : whence === Whence.cur ? file.position : this.size(file);
    const target = from + Number(delta);
    if (target < 0 || !Number.isSafeInteger(target)) throw new WasiErrno(Errno.inval);
    file.position = target;
    return target;
  }

  /** `fd_sync` / `fd_datasync`: regular files only (directories and stdio: EBADF, as upstream). */
  sync(fd: number, dataOnly: boolean): void {
    const file = this.table.file(fd);
    if (dataOnly) fdatasyncSync(file.hostFd);
    else fsyncSync(file.hostFd);
  }

  private size(file: FileDescriptor): number {
    return fstatSync(file.hostFd).size;
  }
}
