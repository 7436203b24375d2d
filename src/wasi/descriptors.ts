/**
 * The guest's file descriptor table. Numbers are handed out lowest-free-first (0, 1, 2 are stdio,
 * preopens follow from 3), which is what upstream does, including after a guest closes stdio.
 */
import { closeSync } from 'node:fs';
import { Errno } from './constants.js';
import { WasiErrno } from './errno.js';
import type { DirectoryLocation } from './locations.js';
import { verifiedDirectory } from './paths.js';
import { platform } from './platform.js';

export interface StdioDescriptor {
  readonly kind: 'stdio';
  readonly stream: 0 | 1 | 2;
}

export interface DirectoryDescriptor {
  readonly kind: 'dir';
  readonly hostFd: number;
  /** Where the directory is, for hosts that know it only by path. */
  readonly location: DirectoryLocation;
  /** Guest name, for preopens only. */
  readonly preopenName: string | undefined;
}

export interface FileDescriptor {
  readonly kind: 'file';
  readonly hostFd: number;
  readonly readable: boolean;
  readonly writable: boolean;
  append: boolean;
  nonblock: boolean;
  position: number;
}

export type Descriptor = StdioDescriptor | DirectoryDescriptor | FileDescriptor;

/**
 * The host path through which lookups relative to `dir` start: on Linux `/proc/self/fd/N`, which
 * tracks the directory through renames (like openat); elsewhere its path, verified.
 */
export function directoryBase(dir: DirectoryDescriptor): string {
  const fdDirectory = platform().fdDirectory;
  if (fdDirectory !== undefined) return `${fdDirectory}/${dir.hostFd}`;
  const { root, components } = dir.location.current();
  return verifiedDirectory(root, components, dir.hostFd);
}

export class DescriptorTable {
  private readonly entries = new Map<number, Descriptor>();
  /** Numbers closed or renumbered away and not yet reused. */
  private readonly free = new Set<number>();

  get(fd: number): Descriptor {
    const entry = this.entries.get(fd);
    if (entry === undefined) throw new WasiErrno(Errno.badf);
    return entry;
  }

  has(fd: number): boolean {
    return this.entries.has(fd);
  }

  /** The descriptor at `fd` if it is a regular file (anything else: EBADF). */
  file(fd: number): FileDescriptor {
    const entry = this.get(fd);
    if (entry.kind !== 'file') throw new WasiErrno(Errno.badf);
    return entry;
  }

  /**
   * The directory a path call starts from. Upstream refuses any other descriptor with EBADF,
   * except that `path_open` from a file reports what the host's `openat` does (ENOTDIR).
   */
  directory(fd: number, fromFile: number = Errno.badf): DirectoryDescriptor {
    const entry = this.get(fd);
    if (entry.kind === 'dir') return entry;
    throw new WasiErrno(entry.kind === 'file' ? fromFile : Errno.badf);
  }

  /**
   * Numbers a new descriptor as upstream does: the highest freed number first, else one past the
   * highest in use.
   */
  add(entry: Descriptor): number {
    let fd: number;
    if (this.free.size > 0) {
      fd = Math.max(...this.free);
      this.free.delete(fd);
    } else {
      fd = this.entries.size === 0 ? 0 : Math.max(...this.entries.keys()) + 1;
    }
    this.entries.set(fd, entry);
    return fd;
  }

  /** Removes `fd` (its number becomes free) and closes its host descriptor. */
  close(fd: number): void {
    const entry = this.get(fd);
    this.entries.delete(fd);
    this.free.add(fd);
    if (entry.kind !== 'stdio') closeSync(entry.hostFd);
  }

  /** Moves `from` onto `to` (both must exist), closing what `to` held; `from` becomes free. */
  renumber(from: number, to: number): void {
    const moving = this.get(from);
    const replaced = this.get(to);
    if (from === to) return;
    if (replaced.kind !== 'stdio') closeSync(replaced.hostFd);
    this.entries.set(to, moving);
    this.entries.delete(from);
    this.free.add(from);
  }

  closeAll(): void {
    for (const fd of [...this.entries.keys()]) {
      try {
        this.close(fd);
      } catch {
        // Already closed on the host: nothing left to release.
      }
    }
  }
}
