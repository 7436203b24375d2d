/**
 * `wasi:filesystem` on a real directory: each descriptor method, its error codes (upstream's,
 * from Wasmtime's filesystem host), and the lifetime of host descriptors.
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WizerError } from '../../src/errors.js';
import { type IoError, createWasi2Host } from '../../src/wasi2/index.js';
import { Descriptor } from '../../src/wasi2/filesystem.js';
import { Fixture, defaults, errorOf, expectCode, makeTree, text } from './helpers.js';

const fixture = new Fixture();
afterEach(() => fixture.cleanup());

const READ = { read: true };
const RW = { read: true, write: true };
const FOLLOW = { symlinkFollow: true };
const NOFOLLOW = {};

function populated(): string {
  const dir = fixture.dir();
  makeTree(dir, {
    'file.txt': 'hello world',
    'sub/inner.txt': 'inner',
    'sub/deeper/x': 'x',
    'link-to-file': { link: 'file.txt' },
    'link-to-sub': { link: 'sub' },
    dangling: { link: 'nothere' },
    empty: null,
  });
  return dir;
}

describe('preopens', () => {
  it('lists each preopen with its guest name, in the order given', () => {
    const a = fixture.dir();
    const b = fixture.dir();
    const { api } = fixture.host({
      preopens: [
        { guest: '/b', host: b },
        { guest: 'a', host: a },
      ],
    });
    const dirs = api.preopens.getDirectories();
    expect(dirs.map(([, name]) => name)).toEqual(['/b', 'a']);
    for (const [descriptor] of dirs) {
      expect(descriptor).toBeInstanceOf(Descriptor);
      expect(descriptor.getType()).toBe('directory');
      expect(descriptor.getFlags()).toEqual({ read: true, mutateDirectory: true });
    }
    expect(dirs[0]![0].isSameObject(api.preopens.getDirectories()[0]![0])).toBe(true);
    expect(dirs[0]![0].isSameObject(dirs[1]![0])).toBe(false);
  });

  it('has no filesystem without preopens', () => {
    const { api } = fixture.host();
    expect(api.preopens.getDirectories()).toEqual([]);
  });

  it('fails like the preview1 layer when a preopen is missing or not a directory', () => {
    const dir = fixture.dir();
    writeFileSync(join(dir, 'file'), '');
    expect(() =>
      createWasi2Host({ ...defaults, preopens: [{ guest: '/x', host: join(dir, 'missing') }] }),
    ).toThrow(new WizerError('No such file or directory (os error 2)'));
    expect(() =>
      createWasi2Host({ ...defaults, preopens: [{ guest: '/x', host: join(dir, 'file') }] }),
    ).toThrow(new WizerError('Not a directory (os error 20)'));
  });

  it('a dropped preopen descriptor leaves the preopen usable through a new one', () => {
    const dir = populated();
    const { api } = fixture.sandbox(dir);
    const [[first]] = api.preopens.getDirectories() as [[Descriptor, string]];
    first[Symbol.dispose]();
    expectCode(() => first.stat(), 'bad-descriptor');
    const [[second]] = api.preopens.getDirectories() as [[Descriptor, string]];
    expect(second.statAt(NOFOLLOW, 'file.txt').size).toBe(11n);
  });
});

describe('descriptor: opening', () => {
  it('opens files for reading and reports their flags and type', () => {
    const { root } = fixture.sandbox(populated());
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, READ);
    expect(file.getType()).toBe('regular-file');
    expect(file.getFlags()).toEqual({ read: true, write: false });
    expect(text(file.read(100n, 0n)[0])).toBe('hello world');
    expect(file.read(100n, 6n)).toEqual([new Uint8Array(Buffer.from('world')), false]);
    expect(file.read(100n, 11n)).toEqual([new Uint8Array(0), true]);
  });

  it('opens with neither read nor write as read-only, and create or truncate as writable', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    expect(root.openAt(NOFOLLOW, 'file.txt', {}, {}).getFlags()).toEqual({
      read: true,
      write: false,
    });
    const created = root.openAt(NOFOLLOW, 'new.txt', { create: true }, {});
    expect(created.getFlags()).toEqual({ read: true, write: true });
    expect(created.write(new TextEncoder().encode('made'), 0n)).toBe(4n);
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('made');
    const truncated = root.openAt(NOFOLLOW, 'file.txt', { truncate: true }, READ);
    expect(truncated.getFlags()).toEqual({ read: true, write: true });
    expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('');
  });

  it('refuses sync flags (unsupported) before directory conflicts (invalid)', () => {
    const { root } = fixture.sandbox(populated());
    expectCode(
      () =>
        root.openAt(
          NOFOLLOW,
          'sub',
          { directory: true, create: true },
          { fileIntegritySync: true },
        ),
      'unsupported',
    );
    for (const sync of ['dataIntegritySync', 'requestedWriteSync']) {
      expectCode(
        () => root.openAt(NOFOLLOW, 'file.txt', {}, { read: true, [sync]: true }),
        'unsupported',
      );
    }
    for (const conflict of [{ create: true }, { exclusive: true }, { truncate: true }]) {
      expectCode(
        () => root.openAt(NOFOLLOW, 'sub', { directory: true, ...conflict }, READ),
        'invalid',
      );
    }
  });

  it('gives the host errors of open: missing, existing, not a directory, a directory for writing', () => {
    const { root } = fixture.sandbox(populated());
    expectCode(() => root.openAt(NOFOLLOW, 'missing', {}, READ), 'no-entry');
    expectCode(
      () => root.openAt(NOFOLLOW, 'file.txt', { create: true, exclusive: true }, RW),
      'exist',
    );
    expectCode(() => root.openAt(NOFOLLOW, 'file.txt', { directory: true }, READ), 'not-directory');
    expectCode(() => root.openAt(NOFOLLOW, 'file.txt/x', {}, READ), 'not-directory');
    expectCode(() => root.openAt(NOFOLLOW, 'sub', {}, RW), 'is-directory');
    expectCode(() => root.openAt(NOFOLLOW, '', {}, READ), 'no-entry');
    expectCode(() => root.openAt(NOFOLLOW, 'a\0b', {}, READ), 'invalid');
  });

  it('follows a last link only when asked; a dangling or unfollowed link is loop/no-entry', () => {
    const { root } = fixture.sandbox(populated());
    expect(text(root.openAt(FOLLOW, 'link-to-file', {}, READ).read(5n, 0n)[0])).toBe('hello');
    expectCode(() => root.openAt(NOFOLLOW, 'link-to-file', {}, READ), 'loop');
    expectCode(() => root.openAt(FOLLOW, 'dangling', {}, READ), 'no-entry');
    expect(root.openAt(NOFOLLOW, 'link-to-sub/inner.txt', {}, READ).getType()).toBe('regular-file');
  });

  it('opens directories, which are their own bases for further lookups', () => {
    const { root } = fixture.sandbox(populated());
    const sub = root.openAt(NOFOLLOW, 'sub', { directory: true }, READ);
    expect(sub.getType()).toBe('directory');
    expect(sub.getFlags()).toEqual({ read: true, mutateDirectory: false });
    expect(text(sub.openAt(NOFOLLOW, 'inner.txt', {}, READ).read(10n, 0n)[0])).toBe('inner');
    const deeper = sub.openAt(NOFOLLOW, 'deeper', {}, READ);
    expect(deeper.statAt(NOFOLLOW, 'x').size).toBe(1n);
    // Like a preopen, an opened directory is a sandbox of its own (cap-std's rule).
    expectCode(() => deeper.statAt(NOFOLLOW, '../x'), 'not-permitted');
    expect(deeper.statAt(NOFOLLOW, '.').type).toBe('directory');
  });

  it('directory methods on a file are not-directory; file methods on a directory bad-descriptor', () => {
    const { root } = fixture.sandbox(populated());
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, RW);
    expectCode(() => file.openAt(NOFOLLOW, 'x', {}, READ), 'not-directory');
    expectCode(() => file.statAt(NOFOLLOW, 'x'), 'not-directory');
    expectCode(() => file.readDirectory(), 'not-directory');
    expectCode(() => file.createDirectoryAt('x'), 'not-directory');
    expectCode(() => root.renameAt('file.txt', file, 'x'), 'not-directory');
    expectCode(() => root.read(1n, 0n), 'bad-descriptor');
    expectCode(() => root.write(new Uint8Array(1), 0n), 'bad-descriptor');
    expectCode(() => root.setSize(0n), 'bad-descriptor');
    expectCode(() => root.advise(0n, 0n, 'normal'), 'bad-descriptor');
    expectCode(() => root.writeViaStream(0n), 'bad-descriptor');
    expectCode(() => root.appendViaStream(), 'bad-descriptor');
    expectCode(() => root.readViaStream(0n), 'is-directory');
  });
});

describe('descriptor: reading and writing', () => {
  it('reads and writes at offsets; a write-only file cannot be read (bad-descriptor)', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, { write: true });
    expect(file.getFlags()).toEqual({ read: false, write: true });
    expect(file.write(new TextEncoder().encode('HELLO'), 0n)).toBe(5n);
    expect(file.write(new TextEncoder().encode('!'), 20n)).toBe(1n);
    expect(readFileSync(join(dir, 'file.txt'), 'latin1')).toBe('HELLO world\0\0\0\0\0\0\0\0\0!');
    expectCode(() => file.read(1n, 0n), 'bad-descriptor');
    const readOnly = root.openAt(NOFOLLOW, 'file.txt', {}, READ);
    expectCode(() => readOnly.write(new Uint8Array(1), 0n), 'bad-descriptor');
    expectCode(() => readOnly.setSize(0n), 'invalid');
  });

  it('caps one read at 64 KiB and sets sizes', () => {
    const dir = fixture.dir();
    writeFileSync(join(dir, 'big'), Buffer.alloc(100_000, 7));
    const { root } = fixture.sandbox(dir);
    const file = root.openAt(NOFOLLOW, 'big', {}, RW);
    expect(file.read(1n << 40n, 0n)[0].length).toBe(65536);
    file.setSize(10n);
    expect(file.stat().size).toBe(10n);
    expect(statSync(join(dir, 'big')).size).toBe(10);
  });

  it('streams read from an offset to the end, then report closed', () => {
    const { root } = fixture.sandbox(populated());
    const stream = root.openAt(NOFOLLOW, 'file.txt', {}, READ).readViaStream(6n);
    expect(text(stream.read(3n))).toBe('wor');
    expect(stream.skip(1n)).toBe(1n);
    expect(text(stream.blockingRead(100n))).toBe('d');
    expect(errorOf(() => stream.read(1n))).toEqual({ tag: 'closed' });
    expect(errorOf(() => stream.read(1n))).toEqual({ tag: 'closed' });
  });

  it('streams write at a position or at the end', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, RW);
    const at = file.writeViaStream(6n);
    expect(at.checkWrite()).toBe(1048576n);
    at.write(new TextEncoder().encode('WO'));
    at.blockingWriteAndFlush(new TextEncoder().encode('RLD'));
    at.flush();
    expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('hello WORLD');
    const append = file.appendViaStream();
    append.write(new TextEncoder().encode('!'));
    append.writeZeroes(2n);
    append.blockingWriteZeroesAndFlush(1n);
    expect(readFileSync(join(dir, 'file.txt'), 'latin1')).toBe('hello WORLD!\0\0\0');
  });

  it('a stream failure is last-operation-failed with the filesystem code, then closed', () => {
    const { root, api } = fixture.sandbox(populated());
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, { write: true });
    const stream = file.readViaStream(0n);
    const failure = errorOf(() => stream.read(10n)) as { tag: string; val: unknown };
    expect(failure.tag).toBe('last-operation-failed');
    expect(api.types.filesystemErrorCode(failure.val)).toBe('bad-descriptor');
    // The debug string names the error only (no host path reaches the guest).
    expect((failure.val as IoError).toDebugString()).toBe('bad-descriptor (EBADF)');
    expect(errorOf(() => stream.read(10n))).toEqual({ tag: 'closed' });
    const readOnly = root.openAt(NOFOLLOW, 'file.txt', {}, READ).writeViaStream(0n);
    const writeFailure = errorOf(() => readOnly.write(new Uint8Array(1))) as { tag: string };
    expect(writeFailure.tag).toBe('last-operation-failed');
    expect(errorOf(() => readOnly.checkWrite())).toEqual({ tag: 'closed' });
  });

  it('traps on blocking writes above 4096 bytes, as upstream', () => {
    const { root } = fixture.sandbox(populated());
    const stream = root.openAt(NOFOLLOW, 'file.txt', {}, RW).writeViaStream(0n);
    expect(() => stream.blockingWriteAndFlush(new Uint8Array(4097))).toThrow(
      'Buffer too large for blocking-write-and-flush (expected at most 4096)',
    );
    expect(() => stream.blockingWriteZeroesAndFlush(4097n)).toThrow(/expected at most 4096/);
  });

  it('splices between streams', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const from = root.openAt(NOFOLLOW, 'file.txt', {}, READ).readViaStream(0n);
    const to = root.openAt(NOFOLLOW, 'copy.txt', { create: true }, RW).writeViaStream(0n);
    expect(to.splice(from, 5n)).toBe(5n);
    expect(to.blockingSplice(from, 100n)).toBe(6n);
    expect(errorOf(() => to.splice(from, 1n))).toEqual({ tag: 'closed' });
    expect(readFileSync(join(dir, 'copy.txt'), 'utf8')).toBe('hello world');
  });

  it('a stream keeps its file open after the descriptor is dropped; closing the host ends it', () => {
    const dir = populated();
    const { host, root } = fixture.sandbox(dir);
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, READ);
    const stream = file.readViaStream(0n);
    file[Symbol.dispose]();
    expectCode(() => file.read(1n, 0n), 'bad-descriptor');
    expect(text(stream.read(5n))).toBe('hello');
    host.close();
    const failure = errorOf(() => stream.read(5n)) as { tag: string };
    expect(failure.tag).toBe('last-operation-failed');
  });
});

describe('descriptor: metadata', () => {
  it('stat and stat-at report type, size, links and times (nanoseconds as seconds + ns)', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const stat = root.statAt(NOFOLLOW, 'file.txt');
    const host = statSync(join(dir, 'file.txt'), { bigint: true });
    expect(stat.type).toBe('regular-file');
    expect(stat.size).toBe(11n);
    expect(stat.linkCount).toBe(1n);
    expect(stat.dataModificationTimestamp).toEqual({
      seconds: host.mtimeNs / 1_000_000_000n,
      nanoseconds: Number(host.mtimeNs % 1_000_000_000n),
    });
    expect(root.statAt(NOFOLLOW, 'link-to-file').type).toBe('symbolic-link');
    expect(root.statAt(FOLLOW, 'link-to-file').type).toBe('regular-file');
    expect(root.statAt(NOFOLLOW, 'sub').type).toBe('directory');
    expect(root.statAt(NOFOLLOW, '.').type).toBe('directory');
    expect(root.stat().type).toBe('directory');
    expectCode(() => root.statAt(FOLLOW, 'dangling'), 'no-entry');
    expectCode(() => root.statAt(FOLLOW, 'file.txt/'), 'not-directory');
    // Without following, a trailing slash is ignored, as upstream.
    expect(root.statAt(NOFOLLOW, 'file.txt/').type).toBe('regular-file');
  });

  it('sets times by value, to now, or keeps them', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const at = { tag: 'timestamp' as const, val: { seconds: 1_000_000n, nanoseconds: 0 } };
    root.setTimesAt(NOFOLLOW, 'file.txt', at, { tag: 'no-change' });
    const after = statSync(join(dir, 'file.txt'));
    expect(after.atimeMs).toBe(1e9);
    root.setTimesAt(NOFOLLOW, 'file.txt', { tag: 'no-change' }, at);
    expect(statSync(join(dir, 'file.txt')).mtimeMs).toBe(1e9);
    expect(statSync(join(dir, 'file.txt')).atimeMs).toBe(1e9);
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, RW);
    file.setTimes({ tag: 'now' }, { tag: 'no-change' });
    expect(Math.abs(statSync(join(dir, 'file.txt')).atimeMs - Date.now())).toBeLessThan(60_000);
    // A link's own times, not its target's, without following.
    root.setTimesAt(NOFOLLOW, 'link-to-sub', at, at);
    expect(lstatSync(join(dir, 'link-to-sub')).mtimeMs).toBe(1e9);
    expect(statSync(join(dir, 'sub')).mtimeMs).not.toBe(1e9);
    // The preopen's own times may be set (preview1 refuses that; WASI 0.2 does not).
    root.setTimes(at, at);
    expect(statSync(dir).mtimeMs).toBe(1e9);
    expectCode(() => root.setTimesAt(FOLLOW, 'missing', at, at), 'no-entry');
  });

  it('metadata hashes identify files, the same through every name', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, READ);
    expect(root.metadataHashAt(FOLLOW, 'link-to-file')).toEqual(file.metadataHash());
    expect(root.metadataHashAt(NOFOLLOW, 'link-to-file')).not.toEqual(file.metadataHash());
    expect(root.metadataHashAt(NOFOLLOW, 'sub')).not.toEqual(file.metadataHash());
    expect(file.isSameObject(root.openAt(FOLLOW, 'link-to-file', {}, READ))).toBe(true);
    expect(file.isSameObject(root)).toBe(false);
  });

  it('sync, sync-data and advise succeed on files; sync on directories', () => {
    const { root } = fixture.sandbox(populated());
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, RW);
    file.sync();
    file.syncData();
    file.advise(0n, 10n, 'sequential');
    root.sync();
  });
});

describe('descriptor: directories and links', () => {
  it('lists entries without . and .., with their types', () => {
    const { root } = fixture.sandbox(populated());
    const stream = root.readDirectory();
    const entries: Array<{ name: string; type: string }> = [];
    for (let e = stream.readDirectoryEntry(); e !== undefined; e = stream.readDirectoryEntry()) {
      entries.push(e);
    }
    expect(entries.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
      { name: 'dangling', type: 'symbolic-link' },
      { name: 'empty', type: 'directory' },
      { name: 'file.txt', type: 'regular-file' },
      { name: 'link-to-file', type: 'symbolic-link' },
      { name: 'link-to-sub', type: 'symbolic-link' },
      { name: 'sub', type: 'directory' },
    ]);
    expect(stream.readDirectoryEntry()).toBeUndefined();
  });

  it('reports a name that is not UTF-8 as illegal-byte-sequence', () => {
    const dir = fixture.dir();
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0x41])]), '');
    const { root } = fixture.sandbox(dir);
    const stream = root.readDirectory();
    expectCode(() => stream.readDirectoryEntry(), 'illegal-byte-sequence');
    expect(stream.readDirectoryEntry()).toBeUndefined();
  });

  it('creates, renames, links and removes', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    root.createDirectoryAt('made');
    expectCode(() => root.createDirectoryAt('made'), 'exist');
    root.renameAt('file.txt', root, 'made/moved.txt');
    expect(readFileSync(join(dir, 'made/moved.txt'), 'utf8')).toBe('hello world');
    root.linkAt(NOFOLLOW, 'made/moved.txt', root, 'hard.txt');
    expect(statSync(join(dir, 'hard.txt')).nlink).toBe(2);
    expectCode(() => root.linkAt(FOLLOW, 'hard.txt', root, 'hard2.txt'), 'invalid');
    expectCode(() => root.removeDirectoryAt('made'), 'not-empty');
    expectCode(() => root.removeDirectoryAt('hard.txt'), 'not-directory');
    expectCode(() => root.unlinkFileAt('sub'), 'is-directory');
    root.unlinkFileAt('made/moved.txt');
    root.removeDirectoryAt('made');
    expect(existsSync(join(dir, 'made'))).toBe(false);
    expectCode(() => root.removeDirectoryAt('.'), 'invalid');
    expectCode(() => root.unlinkFileAt('missing'), 'no-entry');
  });

  it('makes and reads relative links; absolute targets are not-permitted', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    root.symlinkAt('sub/inner.txt', 'mine');
    expect(readlinkSync(join(dir, 'mine'))).toBe('sub/inner.txt');
    expect(root.readlinkAt('mine')).toBe('sub/inner.txt');
    expect(text(root.openAt(FOLLOW, 'mine', {}, READ).read(5n, 0n)[0])).toBe('inner');
    expectCode(() => root.symlinkAt('/etc/passwd', 'abs'), 'not-permitted');
    expectCode(() => root.symlinkAt('x', 'mine'), 'exist');
    expectCode(() => root.readlinkAt('file.txt'), 'invalid');
    symlinkSync('/etc', join(dir, 'hostabs'));
    expectCode(() => root.readlinkAt('hostabs'), 'not-permitted');
  });

  it('permission errors from the host are access', () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const dir = populated();
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked/x'), 'x');
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const { root } = fixture.sandbox(dir);
      expectCode(() => root.openAt(NOFOLLOW, 'locked/x', {}, READ), 'access');
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });
});

describe('host lifetime', () => {
  it('close() closes the preopens and every descriptor the guest still holds', () => {
    const { host, root } = fixture.sandbox(populated());
    const file = root.openAt(NOFOLLOW, 'file.txt', {}, READ);
    const sub = root.openAt(NOFOLLOW, 'sub', {}, READ);
    host.close();
    expectCode(() => file.read(1n, 0n), 'bad-descriptor');
    expectCode(() => sub.statAt(NOFOLLOW, 'inner.txt'), 'bad-descriptor');
    expectCode(() => root.openAt(NOFOLLOW, 'file.txt', {}, READ), 'bad-descriptor');
  });

  it('a dropped directory descriptor is bad-descriptor, never a reused host number', () => {
    const dir = populated();
    const { root } = fixture.sandbox(dir);
    const sub = root.openAt(NOFOLLOW, 'sub', {}, READ);
    sub[Symbol.dispose]();
    // The host may give the freed number to the next open; the dropped descriptor must not see it.
    const other = root.openAt(NOFOLLOW, 'file.txt', {}, READ);
    expectCode(() => sub.statAt(NOFOLLOW, 'inner.txt'), 'bad-descriptor');
    expect(other.stat().size).toBe(11n);
  });
});
