/**
 * `wasi:filesystem` (types, preopens) with upstream's results (Wasmtime's `filesystem.rs` and its
 * WASI 0.2 host). Every path below a directory goes through src/wasi/path-ops.ts, the lookup that
 * also serves preview1, so the same guarantees hold: nothing outside the preopens can be named,
 * read, written, linked or moved, whether by `..`, an absolute path or a symbolic link.
 */
import type { GuestFiles } from '../sources/index.js';
import {
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  readSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import type { DirectoryDescriptor } from '../wasi/descriptors.js';
import { DirectoryLocation, type MoveLog } from '../wasi/locations.js';
import {
  createDirectoryAt,
  linkAt,
  listDirectory,
  openAt,
  readlinkAt,
  removeDirectoryAt,
  renameAt,
  setTimesAt,
  setTimesOfFd,
  statAt,
  symlinkAt,
  unlinkFileAt,
} from '../wasi/path-ops.js';
import { type ErrorCode, type IoError, ResultError, fail, fsCall } from './errors.js';
import type { HandleRegistry, HostHandle } from './handles.js';
import { type ByteSink, type ByteSource, InputStream, OutputStream } from './io.js';
import {
  type Advice,
  type DescriptorFlags,
  type DescriptorStat,
  type DescriptorType,
  type DirectoryEntry,
  type MetadataHashValue,
  type NewTimestamp,
  type OpenFlags,
  type PathFlags,
  hashOf,
  position,
  statOf,
  timeChange,
  typeOf,
} from './filesystem-types.js';

/** Bytes `descriptor.read` returns at most per call (upstream's `MAX_READ_SIZE_ALLOC`). */
const MAX_READ = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** A directory descriptor's host state. */
interface DirNode {
  readonly kind: 'dir';
  readonly handle: HostHandle;
  readonly location: DirectoryLocation;
  /** Reported as `mutate-directory` (upstream: preopens, opened with all permissions). */
  readonly mutate: boolean;
}

/** A file descriptor's host state; `read`/`write` are the open mode `get-flags` reports. */
interface FileNode {
  readonly kind: 'file';
  readonly handle: HostHandle;
  readonly read: boolean;
  readonly write: boolean;
}

type Node = DirNode | FileNode;

/** What descriptors need from their host. */
export interface FilesystemHost {
  readonly handles: HandleRegistry;
  /** File metadata as the guest sees it (the host's, or deterministic). */
  readonly files: GuestFiles;
  /** The directories the guest moved, replayed where directories are known by path. */
  readonly moves: MoveLog;
}

/** Reads a file from a position, advancing it. */
class FileSource implements ByteSource {
  constructor(
    private readonly handle: HostHandle,
    private position: bigint,
  ) {}

  read(max: number): Uint8Array | undefined {
    const buffer = Buffer.alloc(max);
    const n = readSync(this.handle.fd, buffer, 0, max, this.position);
    if (n === 0) return undefined;
    this.position += BigInt(n);
    return buffer.subarray(0, n);
  }
}

/** Writes a file at a position (advancing it) or at its end. */
class FileSink implements ByteSink {
  constructor(
    private readonly handle: HostHandle,
    private position: bigint | 'append',
  ) {}

  write(bytes: Uint8Array): void {
    const fd = this.handle.fd;
    let at = this.position === 'append' ? fstatSync(fd, { bigint: true }).size : this.position;
    for (let done = 0; done < bytes.length;) {
      const n = writeSync(fd, bytes, done, bytes.length - done, position(at));
      done += n;
      at += BigInt(n);
    }
    if (this.position !== 'append') this.position = at;
  }
}

/** `wasi:filesystem/types.descriptor`. */
export class Descriptor {
  private disposed = false;

  private constructor(
    private readonly node: Node,
    private readonly host: FilesystemHost,
  ) {}

  /** A descriptor for a preopen; the handle is shared (and retained here). */
  static preopen(handle: HostHandle, root: string, host: FilesystemHost): Descriptor {
    const node: DirNode = {
      kind: 'dir',
      handle: handle.retain(),
      location: DirectoryLocation.preopen(host.moves, root),
      mutate: true,
    };
    return new Descriptor(node, host);
  }

  /** The live host state (a dropped descriptor is `bad-descriptor`). */
  private get live(): Node {
    if (this.disposed) fail('bad-descriptor');
    return this.node;
  }

  /** File-only operations: `bad-descriptor` on a directory, as upstream. */
  private file(): FileNode {
    const node = this.live;
    if (node.kind !== 'file') fail('bad-descriptor');
    return node;
  }

  /** Directory-only operations: `not-directory` on a file, as upstream. */
  private dirNode(): DirNode {
    const node = this.live;
    if (node.kind !== 'dir') fail('not-directory');
    return node;
  }

  /** The directory as the shared path layer sees it. */
  private dir(): DirectoryDescriptor {
    const node = this.dirNode();
    return {
      kind: 'dir',
      hostFd: node.handle.fd,
      location: node.location,
      preopenName: undefined,
    };
  }

  private fstat(): BigIntStats {
    return fstatSync(this.live.handle.fd, { bigint: true });
  }

  readViaStream(offset: bigint): InputStream {
    return fsCall(() => {
      const node = this.live;
      if (node.kind !== 'file') fail('is-directory');
      const handle = node.handle.retain();
      return new InputStream(new FileSource(handle, offset), () => handle.release());
    });
  }

  writeViaStream(offset: bigint): OutputStream {
    return fsCall(() => {
      const handle = this.file().handle.retain();
      return new OutputStream(new FileSink(handle, offset), () => handle.release());
    });
  }

  appendViaStream(): OutputStream {
    return fsCall(() => {
      const handle = this.file().handle.retain();
      return new OutputStream(new FileSink(handle, 'append'), () => handle.release());
    });
  }

  /** Advice changes nothing observable; it is checked and accepted. */
  advise(_offset: bigint, _length: bigint, _advice: Advice): void {
    fsCall(() => this.file());
  }

  syncData(): void {
    fsCall(() => fdatasyncSync(this.live.handle.fd));
  }

  sync(): void {
    fsCall(() => fsyncSync(this.live.handle.fd));
  }

  getFlags(): DescriptorFlags {
    return fsCall(() => {
      const node = this.live;
      return node.kind === 'dir'
        ? { read: true, mutateDirectory: node.mutate }
        : { read: node.read, write: node.write };
    });
  }

  getType(): DescriptorType {
    return fsCall(() => (this.live.kind === 'dir' ? 'directory' : typeOf(this.fstat())));
  }

  setSize(size: bigint): void {
    fsCall(() => {
      const fd = this.file().handle.fd;
      if (size > BigInt(Number.MAX_SAFE_INTEGER)) fail('file-too-large');
      ftruncateSync(fd, Number(size));
    });
  }

  setTimes(dataAccessTimestamp: NewTimestamp, dataModificationTimestamp: NewTimestamp): void {
    fsCall(() =>
      setTimesOfFd(
        this.live.handle.fd,
        timeChange(dataAccessTimestamp),
        timeChange(dataModificationTimestamp),
      ),
    );
  }

  read(length: bigint, offset: bigint): [Uint8Array, boolean] {
    return fsCall(() => {
      const fd = this.file().handle.fd;
      const max = length > BigInt(MAX_READ) ? MAX_READ : Number(length);
      const buffer = Buffer.alloc(max);
      const n = max === 0 ? 0 : readSync(fd, buffer, 0, max, offset);
      return [new Uint8Array(buffer.subarray(0, n)), n === 0];
    });
  }

  write(buffer: Uint8Array, offset: bigint): bigint {
    return fsCall(() =>
      BigInt(writeSync(this.file().handle.fd, buffer, 0, buffer.length, position(offset))),
    );
  }

  readDirectory(): DirectoryEntryStream {
    return fsCall(() => new DirectoryEntryStream(this.host.files.order(listDirectory(this.dir()))));
  }

  createDirectoryAt(path: string): void {
    fsCall(() => createDirectoryAt(this.dir(), path));
  }

  stat(): DescriptorStat {
    return fsCall(() => statOf(this.fstat(), this.host.files));
  }

  statAt(pathFlags: PathFlags, path: string): DescriptorStat {
    return fsCall(() =>
      statOf(statAt(this.dir(), path, pathFlags.symlinkFollow === true), this.host.files),
    );
  }

  setTimesAt(
    pathFlags: PathFlags,
    path: string,
    dataAccessTimestamp: NewTimestamp,
    dataModificationTimestamp: NewTimestamp,
  ): void {
    fsCall(() =>
      setTimesAt(
        this.dir(),
        path,
        pathFlags.symlinkFollow === true,
        timeChange(dataAccessTimestamp),
        timeChange(dataModificationTimestamp),
      ),
    );
  }

  linkAt(
    oldPathFlags: PathFlags,
    oldPath: string,
    newDescriptor: Descriptor,
    newPath: string,
  ): void {
    fsCall(() =>
      linkAt(
        this.dir(),
        oldPathFlags.symlinkFollow === true,
        oldPath,
        newDescriptor.dir(),
        newPath,
      ),
    );
  }

  /**
   * Upstream's order of checks: the sync flags (unsupported), then `directory` with `create`,
   * `exclusive` or `truncate` (invalid), then the lookup and the host's own answer.
   */
  openAt(
    pathFlags: PathFlags,
    path: string,
    openFlags: OpenFlags,
    flags: DescriptorFlags,
  ): Descriptor {
    return fsCall(() => {
      const dir = this.dir();
      if (flags.fileIntegritySync || flags.dataIntegritySync || flags.requestedWriteSync) {
        fail('unsupported');
      }
      const create = openFlags.create === true;
      const exclusive = openFlags.exclusive === true;
      const truncate = openFlags.truncate === true;
      const directory = openFlags.directory === true;
      if (directory && (create || exclusive || truncate)) fail('invalid');
      const read = flags.read === true;
      const write = flags.write === true;
      const opened = openAt(dir, path, {
        follow: pathFlags.symlinkFollow === true,
        create,
        exclusive,
        truncate,
        directory,
        read,
        write,
      });
      const handle = this.host.handles.adopt(opened.hostFd);
      const node: Node =
        opened.kind === 'dir'
          ? {
              kind: 'dir',
              handle,
              location: opened.location,
              mutate: false,
            }
          : { kind: 'file', handle, read: read || !write, write: write || create || truncate };
      return new Descriptor(node, this.host);
    });
  }

  readlinkAt(path: string): string {
    return fsCall(() => {
      const contents = readlinkAt(this.dir(), path);
      try {
        return utf8.decode(contents);
      } catch {
        return fail('illegal-byte-sequence');
      }
    });
  }

  removeDirectoryAt(path: string): void {
    fsCall(() => removeDirectoryAt(this.dir(), path));
  }

  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    fsCall(() => renameAt(this.dir(), oldPath, newDescriptor.dir(), newPath));
  }

  symlinkAt(oldPath: string, newPath: string): void {
    fsCall(() => symlinkAt(oldPath, this.dir(), newPath));
  }

  unlinkFileAt(path: string): void {
    fsCall(() => unlinkFileAt(this.dir(), path));
  }

  isSameObject(other: Descriptor): boolean {
    const a = this.fstat();
    const b = other.fstat();
    return a.dev === b.dev && a.ino === b.ino;
  }

  metadataHash(): MetadataHashValue {
    return fsCall(() => hashOf(this.fstat(), this.host.files));
  }

  metadataHashAt(pathFlags: PathFlags, path: string): MetadataHashValue {
    return fsCall(() =>
      hashOf(statAt(this.dir(), path, pathFlags.symlinkFollow === true), this.host.files),
    );
  }

  [Symbol.dispose](): void {
    if (this.disposed) return;
    this.disposed = true;
    this.node.handle.release();
  }
}

/**
 * `wasi:filesystem/types.directory-entry-stream`: the entries at the time of `read-directory`
 * (upstream lists eagerly too), without `.` and `..`; a name that is not UTF-8 is
 * `illegal-byte-sequence` when its turn comes.
 */
export class DirectoryEntryStream {
  private next = 0;

  constructor(private readonly entries: ReadonlyArray<{ name: Buffer; stat: BigIntStats }>) {}

  readDirectoryEntry(): DirectoryEntry | undefined {
    const entry = this.entries[this.next];
    if (entry === undefined) return undefined;
    this.next++;
    let name: string;
    try {
      name = utf8.decode(entry.name);
    } catch {
      throw new ResultError<ErrorCode>('illegal-byte-sequence');
    }
    return { type: typeOf(entry.stat), name };
  }

  [Symbol.dispose](): void {
    this.next = this.entries.length;
  }
}

/** `filesystem-error-code`: the code behind a stream's error, if it came from the filesystem. */
export function filesystemErrorCode(error: IoError): ErrorCode | undefined {
  return error.code;
}
