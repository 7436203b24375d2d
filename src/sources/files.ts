/**
 * What the guest sees of the host's file system metadata. As it is on the host, or in
 * deterministic mode ({@link VirtualFiles}) nothing that differs between two checkouts of the same
 * tree: times, device and inode numbers, directory sizes and link counts, listing order.
 */

/** Device and inode number of one file. */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

export interface GuestFiles {
  /** The identity the guest sees for a host file. */
  identity(host: FileIdentity): FileIdentity;
  /** A timestamp the guest sees, in nanoseconds since the Unix epoch. */
  timestamp(hostNs: bigint): bigint;
  /** A time the host may not record (0: not recorded), e.g. the birth time. */
  optionalTimestamp(hostNs: bigint): bigint | undefined;
  /** Size and link count of a directory the guest sees. */
  directory(host: { size: bigint; nlink: bigint }): { size: bigint; nlink: bigint };
  /** Directory entries in the order the guest lists them (the array is sorted in place). */
  order<T extends { name: Uint8Array }>(entries: T[]): T[];
}

/** The host's metadata as it is, entries in the host's order (as upstream lists them). */
export class HostFiles implements GuestFiles {
  identity(host: FileIdentity): FileIdentity {
    return host;
  }

  timestamp(hostNs: bigint): bigint {
    return hostNs;
  }

  optionalTimestamp(hostNs: bigint): bigint | undefined {
    return hostNs > 0n ? hostNs : undefined;
  }

  directory(host: { size: bigint; nlink: bigint }): { size: bigint; nlink: bigint } {
    return host;
  }

  order<T extends { name: Uint8Array }>(entries: T[]): T[] {
    return entries;
  }
}

/** The device number every file has in deterministic mode. */
export const VIRTUAL_DEVICE = 1n;

/**
 * Deterministic metadata: every time reads as the epoch (birth times too, recorded or not) (`SOURCE_DATE_EPOCH` or the default, as
 * the realtime clock starts); every file is on device {@link VIRTUAL_DEVICE} with inode numbers 1,
 * 2, 3, ... in the order the guest first sees each host file (so hard links still share one, and
 * the same init sees the same numbers wherever the tree is checked out); directories have size 0
 * and one link (file systems disagree on both); entries are listed sorted by name, byte-wise.
 */
export class VirtualFiles implements GuestFiles {
  private readonly inodes = new Map<string, bigint>();
  private readonly epochNs: bigint;

  constructor(epochSeconds: number) {
    this.epochNs = BigInt(epochSeconds) * 1_000_000_000n;
  }

  identity(host: FileIdentity): FileIdentity {
    const key = `${host.dev}:${host.ino}`;
    let ino = this.inodes.get(key);
    if (ino === undefined) {
      ino = BigInt(this.inodes.size + 1);
      this.inodes.set(key, ino);
    }
    return { dev: VIRTUAL_DEVICE, ino };
  }

  timestamp(): bigint {
    return this.epochNs;
  }

  /** Always recorded: whether a host records it depends on its file system. */
  optionalTimestamp(): bigint {
    return this.epochNs;
  }

  directory(): { size: bigint; nlink: bigint } {
    return { size: 0n, nlink: 1n };
  }

  order<T extends { name: Uint8Array }>(entries: T[]): T[] {
    return entries.sort((a, b) => Buffer.compare(a.name, b.name));
  }
}
