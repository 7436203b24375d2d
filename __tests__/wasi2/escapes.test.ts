/**
 * Attempts to reach outside a preopen through the WASI 0.2 host, mirroring the preview1 escape
 * tests: `..`, absolute paths, links pointing out (made before or during the run), link loops,
 * renames that would move things out or in, opening a preopen's parent, and hard links. Each must
 * fail with the error code upstream gives, leave the outside exactly as it was, never hand the
 * secret's bytes to the guest, and never leave a host descriptor open on anything outside.
 */
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setPlatformForTesting, simulatedPlatform } from '../../src/wasi/platform.js';
import type { Descriptor } from '../../src/wasi2/filesystem.js';
import { ResultError } from '../../src/wasi2/index.js';
import { Fixture, type Api, makeSandbox, makeTree, snapshot } from './helpers.js';

const fixture = new Fixture();
afterEach(() => fixture.cleanup());

const READ = { read: true };
const RW = { read: true, write: true };
const FOLLOW = { symlinkFollow: true };
const NOFOLLOW = {};
const ts = { tag: 'timestamp' as const, val: { seconds: 1n, nanoseconds: 0 } };

type Attempt = (root: Descriptor, api: Api) => unknown;

/** Each attempt and the error code it must end with. */
const attempts: Record<string, Array<[string, Attempt, string]>> = {
  '.. above the preopen': [
    [
      'open ../outside/secret.txt',
      (r) => r.openAt(NOFOLLOW, '../outside/secret.txt', {}, READ),
      'not-permitted',
    ],
    [
      'open sub/../../outside/secret.txt',
      (r) => r.openAt(FOLLOW, 'sub/../../outside/secret.txt', {}, READ),
      'not-permitted',
    ],
    ['open ..', (r) => r.openAt(NOFOLLOW, '..', {}, READ), 'not-permitted'],
    [
      'open ../ as directory',
      (r) => r.openAt(NOFOLLOW, '../', { directory: true }, READ),
      'not-permitted',
    ],
    ['stat ..', (r) => r.statAt(NOFOLLOW, '..'), 'not-permitted'],
    ['stat ../outside', (r) => r.statAt(FOLLOW, '../outside'), 'not-permitted'],
    [
      'metadata hash of ../outside/secret.txt',
      (r) => r.metadataHashAt(FOLLOW, '../outside/secret.txt'),
      'not-permitted',
    ],
    [
      'create ../outside/new.txt',
      (r) => r.openAt(NOFOLLOW, '../outside/new.txt', { create: true }, RW),
      'not-permitted',
    ],
    ['mkdir ../outside/made', (r) => r.createDirectoryAt('../outside/made'), 'not-permitted'],
    ['rmdir ../outside/dir', (r) => r.removeDirectoryAt('../outside/dir'), 'not-permitted'],
    ['rmdir ..', (r) => r.removeDirectoryAt('..'), 'not-permitted'],
    [
      'unlink ../outside/secret.txt',
      (r) => r.unlinkFileAt('../outside/secret.txt'),
      'not-permitted',
    ],
    [
      'set times of ../outside/secret.txt',
      (r) => r.setTimesAt(NOFOLLOW, '../outside/secret.txt', ts, ts),
      'not-permitted',
    ],
    ['readlink ../sandbox/link', (r) => r.readlinkAt('../sandbox/link'), 'not-permitted'],
    ['symlink at ../outside/evil', (r) => r.symlinkAt('x', '../outside/evil'), 'not-permitted'],
  ],
  'absolute paths': [
    ['open /etc/passwd', (r) => r.openAt(NOFOLLOW, '/etc/passwd', {}, READ), 'not-permitted'],
    ['open /', (r) => r.openAt(NOFOLLOW, '/', {}, READ), 'not-permitted'],
    ['stat /tmp', (r) => r.statAt(FOLLOW, '/tmp'), 'not-permitted'],
    [
      'create /tmp/wasi2-escape',
      (r) => r.openAt(NOFOLLOW, '/tmp/wasi2-escape', { create: true }, RW),
      'not-permitted',
    ],
    [
      'mkdir /tmp/wasi2-escape-dir',
      (r) => r.createDirectoryAt('/tmp/wasi2-escape-dir'),
      'not-permitted',
    ],
    ['symlink to an absolute path', (r) => r.symlinkAt('/etc/passwd', 'abs-made'), 'not-permitted'],
  ],
  'links pointing out': [
    ['open link/secret.txt', (r) => r.openAt(FOLLOW, 'link/secret.txt', {}, READ), 'not-permitted'],
    [
      'open link/secret.txt without following the last',
      (r) => r.openAt(NOFOLLOW, 'link/secret.txt', {}, READ),
      'not-permitted',
    ],
    ['open secretlink', (r) => r.openAt(FOLLOW, 'secretlink', {}, READ), 'not-permitted'],
    [
      'open link as a directory',
      (r) => r.openAt(FOLLOW, 'link', { directory: true }, READ),
      'not-permitted',
    ],
    ['open abs/passwd', (r) => r.openAt(FOLLOW, 'abs/passwd', {}, READ), 'not-permitted'],
    [
      'open abssecret (absolute link to the secret)',
      (r) => r.openAt(FOLLOW, 'abssecret', {}, READ),
      'not-permitted',
    ],
    ['open esc2 (a link through ..)', (r) => r.openAt(FOLLOW, 'esc2', {}, READ), 'not-permitted'],
    [
      'open chain/secret.txt (sub/dotdot/link)',
      (r) => r.openAt(FOLLOW, 'chain/secret.txt', {}, READ),
      'not-permitted',
    ],
    [
      'open sub/dotdot/../outside/secret.txt',
      (r) => r.openAt(FOLLOW, 'sub/dotdot/../outside/secret.txt', {}, READ),
      'not-permitted',
    ],
    ['stat link/secret.txt', (r) => r.statAt(NOFOLLOW, 'link/secret.txt'), 'not-permitted'],
    ['stat secretlink, followed', (r) => r.statAt(FOLLOW, 'secretlink'), 'not-permitted'],
    [
      'metadata hash of secretlink, followed',
      (r) => r.metadataHashAt(FOLLOW, 'secretlink'),
      'not-permitted',
    ],
    [
      'readlink abssecret (an absolute target is not shown)',
      (r) => r.readlinkAt('abssecret'),
      'not-permitted',
    ],
    [
      'create link/new.txt',
      (r) => r.openAt(FOLLOW, 'link/new.txt', { create: true }, RW),
      'not-permitted',
    ],
    [
      'create through secretlink',
      (r) => r.openAt(FOLLOW, 'secretlink', { create: true }, RW),
      'not-permitted',
    ],
    [
      'truncate link/secret.txt',
      (r) => r.openAt(FOLLOW, 'link/secret.txt', { truncate: true }, RW),
      'not-permitted',
    ],
    ['mkdir link/newdir', (r) => r.createDirectoryAt('link/newdir'), 'not-permitted'],
    ['rmdir link/dir', (r) => r.removeDirectoryAt('link/dir'), 'not-permitted'],
    ['unlink link/secret.txt', (r) => r.unlinkFileAt('link/secret.txt'), 'not-permitted'],
    [
      'set times through link/secret.txt',
      (r) => r.setTimesAt(FOLLOW, 'link/secret.txt', ts, ts),
      'not-permitted',
    ],
    [
      'set times through secretlink',
      (r) => r.setTimesAt(FOLLOW, 'secretlink', ts, ts),
      'not-permitted',
    ],
    ['symlink at link/evil', (r) => r.symlinkAt('x', 'link/evil'), 'not-permitted'],
    ['list link', (r) => r.openAt(FOLLOW, 'link', {}, READ).readDirectory(), 'not-permitted'],
  ],
  'link loops': [
    ['open l1', (r) => r.openAt(FOLLOW, 'l1', {}, READ), 'loop'],
    ['stat l1, followed', (r) => r.statAt(FOLLOW, 'l1'), 'loop'],
    ['open l1/x', (r) => r.openAt(NOFOLLOW, 'l1/x', {}, READ), 'loop'],
    ['create through l1', (r) => r.openAt(FOLLOW, 'l1', { create: true }, RW), 'loop'],
  ],
  'links made by the guest, then followed': [
    [
      'symlink ../outside then open through it',
      (r) => {
        r.symlinkAt('../outside', 'mine');
        return r.openAt(FOLLOW, 'mine/secret.txt', {}, READ);
      },
      'not-permitted',
    ],
    [
      'symlink sub/../../outside/secret.txt then open it',
      (r) => {
        r.symlinkAt('sub/../../outside/secret.txt', 'mine2');
        return r.openAt(FOLLOW, 'mine2', {}, READ);
      },
      'not-permitted',
    ],
    [
      'symlink .. in a subdirectory then go through it',
      (r) => {
        r.symlinkAt('..', 'sub/parent');
        return r.openAt(FOLLOW, 'sub/parent/../outside/secret.txt', {}, READ);
      },
      'not-permitted',
    ],
    [
      'symlink then write through it',
      (r) => {
        r.symlinkAt('../outside/secret.txt', 'mine3');
        return r.openAt(FOLLOW, 'mine3', { truncate: true }, RW);
      },
      'not-permitted',
    ],
  ],
  "a directory descriptor and the preopen's parent": [
    [
      'open .. of a subdirectory',
      (r) => r.openAt(NOFOLLOW, 'sub', {}, READ).openAt(NOFOLLOW, '..', {}, READ),
      'not-permitted',
    ],
    [
      'open ../file.txt of a subdirectory',
      (r) => r.openAt(NOFOLLOW, 'sub', {}, READ).openAt(NOFOLLOW, '../file.txt', {}, READ),
      'not-permitted',
    ],
    [
      'open up (a link to ../file.txt) in a subdirectory',
      (r) => r.openAt(NOFOLLOW, 'sub', {}, READ).openAt(FOLLOW, 'up', {}, READ),
      'not-permitted',
    ],
    [
      'open dotdot/file.txt in a subdirectory',
      (r) => r.openAt(NOFOLLOW, 'sub', {}, READ).openAt(FOLLOW, 'dotdot/file.txt', {}, READ),
      'not-permitted',
    ],
    [
      'mkdir ../made from a subdirectory',
      (r) => r.openAt(NOFOLLOW, 'sub', {}, READ).createDirectoryAt('../made'),
      'not-permitted',
    ],
  ],
  renames: [
    [
      'rename file.txt to ../outside/stolen',
      (r) => r.renameAt('file.txt', r, '../outside/stolen'),
      'not-permitted',
    ],
    [
      'rename file.txt into link/',
      (r) => r.renameAt('file.txt', r, 'link/stolen'),
      'not-permitted',
    ],
    [
      'rename link/secret.txt in',
      (r) => r.renameAt('link/secret.txt', r, 'taken'),
      'not-permitted',
    ],
    ['rename ../outside in', (r) => r.renameAt('../outside', r, 'taken'), 'not-permitted'],
    ['rename the preopen itself away', (r) => r.renameAt('.', r, 'x'), 'busy'],
    [
      'rename a guest-made link out of a moved directory, then follow it',
      (r) => {
        r.symlinkAt('../outside', 'sub/evil');
        r.renameAt('sub/evil', r, 'evil');
        return r.openAt(FOLLOW, 'evil/secret.txt', {}, READ);
      },
      'not-permitted',
    ],
  ],
  'hard links': [
    [
      'link link/secret.txt in',
      (r) => r.linkAt(NOFOLLOW, 'link/secret.txt', r, 'hard'),
      'not-permitted',
    ],
    [
      'link ../outside/secret.txt in',
      (r) => r.linkAt(NOFOLLOW, '../outside/secret.txt', r, 'hard'),
      'not-permitted',
    ],
    [
      'link file.txt out through link/',
      (r) => r.linkAt(NOFOLLOW, 'file.txt', r, 'link/hard'),
      'not-permitted',
    ],
    [
      'link file.txt to ../outside/hard',
      (r) => r.linkAt(NOFOLLOW, 'file.txt', r, '../outside/hard'),
      'not-permitted',
    ],
    ['link secretlink in, following', (r) => r.linkAt(FOLLOW, 'secretlink', r, 'hard'), 'invalid'],
    [
      'hard-link secretlink (the link itself), then follow the copy',
      (r) => {
        r.linkAt(NOFOLLOW, 'secretlink', r, 'hard-copy');
        return r.openAt(FOLLOW, 'hard-copy', {}, READ);
      },
      'not-permitted',
    ],
  ],
};

/**
 * Windows path syntax, tried under the simulated Windows host (where `\` separates, so each
 * would reach outside if the layer took `\` as part of a name).
 */
const windowsAttempts: Array<[string, Attempt, string]> = [
  [
    'open ..\\outside\\secret.txt',
    (r) => r.openAt(NOFOLLOW, '..\\outside\\secret.txt', {}, READ),
    'not-permitted',
  ],
  [
    'open sub\\..\\..\\outside\\secret.txt',
    (r) => r.openAt(FOLLOW, 'sub\\..\\..\\outside\\secret.txt', {}, READ),
    'not-permitted',
  ],
  [
    'open C:\\Windows\\win.ini',
    (r) => r.openAt(FOLLOW, 'C:\\Windows\\win.ini', {}, READ),
    'not-permitted',
  ],
  [
    'open C:secret (drive-relative)',
    (r) => r.openAt(FOLLOW, 'C:secret', {}, READ),
    'not-permitted',
  ],
  [
    'open \\\\server\\share\\x',
    (r) => r.openAt(FOLLOW, '\\\\server\\share\\x', {}, READ),
    'not-permitted',
  ],
  ['open \\\\?\\C:\\x', (r) => r.openAt(FOLLOW, '\\\\?\\C:\\x', {}, READ), 'not-permitted'],
  ['stat \\', (r) => r.statAt(FOLLOW, '\\'), 'not-permitted'],
  ['mkdir ..\\outside\\made', (r) => r.createDirectoryAt('..\\outside\\made'), 'not-permitted'],
  [
    'rename file.txt to ..\\outside\\stolen',
    (r) => r.renameAt('file.txt', r, '..\\outside\\stolen'),
    'not-permitted',
  ],
  [
    'a link made with \\ separators, then followed',
    (r) => {
      r.symlinkAt('..\\outside', 'mine');
      return r.openAt(FOLLOW, 'mine\\secret.txt', {}, READ);
    },
    'not-permitted',
  ],
  ['a link to C:\\', (r) => r.symlinkAt('C:\\', 'mine'), 'not-permitted'],
  ['a link to \\\\server\\share', (r) => r.symlinkAt('\\\\server\\share', 'mine'), 'not-permitted'],
  [
    '.. with a trailing space',
    (r) => r.openAt(FOLLOW, '.. /outside/secret.txt', {}, READ),
    'invalid',
  ],
  ['... (trailing dots)', (r) => r.openAt(FOLLOW, '.../outside/secret.txt', {}, READ), 'invalid'],
  ['the NUL device', (r) => r.openAt(NOFOLLOW, 'NUL', { create: true }, RW), 'invalid'],
  ['the console as con.txt', (r) => r.openAt(NOFOLLOW, 'sub/con.txt', {}, READ), 'invalid'],
  [
    'an alternate data stream',
    (r) => r.openAt(NOFOLLOW, 'file.txt:hidden', { create: true }, RW),
    'invalid',
  ],
];

/** Whether this host lists its descriptors in /proc (where leaks can be checked). */
const procFd = existsSync('/proc/self/fd');

/** Host descriptors of this process that point into `dir`. */
function openInside(dir: string): string[] {
  const found: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target === dir || target.startsWith(`${dir}/`)) found.push(target);
    } catch {
      // closed while listing (the listing's own descriptor)
    }
  }
  return found;
}

/** Everything a call returned, searched for the secret's bytes. */
function leaks(value: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (v: unknown): boolean => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1').includes('SECRET');
    if (typeof v === 'string') return v.includes('SECRET');
    if (v === null || typeof v !== 'object' || seen.has(v)) return false;
    seen.add(v);
    return Object.values(v).some(visit);
  };
  return visit(value);
}

function runAttempt(attempt: Attempt, root: Descriptor, api: Api): unknown {
  try {
    const value = attempt(root, api);
    expect(leaks(value)).toBe(false);
    return { succeeded: value };
  } catch (error) {
    if (error instanceof ResultError) return error.payload;
    throw error;
  }
}

function describeAttempts(mode: 'procfd' | 'darwin' | 'win32'): void {
  const groups = mode === 'win32' ? { ...attempts, 'Windows paths': windowsAttempts } : attempts;
  for (const [group, list] of Object.entries(groups)) {
    describe(group, () => {
      for (const [name, attempt, code] of list) {
        it(name, () => {
          const base = makeSandbox(fixture.dir('wasi2-escape-'));
          const outside = join(base, 'outside');
          const before = snapshot(outside);
          const { api, root } = fixture.sandbox(join(base, 'sandbox'));
          expect(runAttempt(attempt, root, api)).toBe(code);
          expect(snapshot(outside)).toEqual(before);
          if (mode === 'procfd' && procFd) expect(openInside(outside)).toEqual([]);
        });
      }
    });
  }
}

describe('WASI 0.2 sandbox: escape attempts', () => {
  afterEach(() => setPlatformForTesting(undefined));
  describeAttempts('procfd');

  for (const os of ['linux', 'darwin', 'win32'] as const) {
    it(`an open directory renamed away, with a link put in its place, stays the moved directory (${os})`, () => {
      if (os !== 'linux') setPlatformForTesting(simulatedPlatform(os));
      const base = makeSandbox(fixture.dir('wasi2-escape-'));
      const outside = join(base, 'outside');
      const before = snapshot(outside);
      const { root } = fixture.sandbox(join(base, 'sandbox'));
      const sub = root.openAt(NOFOLLOW, 'sub', {}, READ);
      root.renameAt('sub', root, 'moved');
      root.symlinkAt('../outside', 'sub');
      // The descriptor follows its directory (as openat does), not the new name.
      expect(runAttempt((r) => r.openAt(NOFOLLOW, 'secret.txt', {}, READ), sub, {} as Api)).toBe(
        'no-entry',
      );
      expect(
        Buffer.from(sub.openAt(NOFOLLOW, 'inner.txt', {}, READ).read(10n, 0n)[0]).toString(),
      ).toBe('inner');
      sub.createDirectoryAt('created-in-moved');
      expect(snapshot(join(base, 'sandbox', 'moved'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^created-in-moved /)]),
      );
      expect(snapshot(outside)).toEqual(before);
    });
  }

  it('link chains: 40 expansions resolve, the 41st is a loop', () => {
    const base = fixture.dir('wasi2-escape-');
    const chain = (length: number) => {
      const tree: Record<string, string | { link: string }> = { 'sandbox/target.txt': 'end' };
      for (let i = 0; i < length; i++) {
        tree[`sandbox/c${i}`] = { link: i === length - 1 ? 'target.txt' : `c${i + 1}` };
      }
      return tree;
    };
    makeTree(join(base, 'ok'), chain(40));
    makeTree(join(base, 'loop'), chain(41));
    const ok = fixture.sandbox(join(base, 'ok', 'sandbox')).root;
    expect(Buffer.from(ok.openAt(FOLLOW, 'c0', {}, READ).read(3n, 0n)[0]).toString()).toBe('end');
    const loop = fixture.sandbox(join(base, 'loop', 'sandbox')).root;
    expect(runAttempt((r) => r.openAt(FOLLOW, 'c0', {}, READ), loop, {} as Api)).toBe('loop');
  });

  it('two preopens cannot reach each other by links or .., but may rename between them', () => {
    const base = makeSandbox(fixture.dir('wasi2-escape-'));
    makeTree(base, { 'sandbox/sub/to-other': { link: '../../other' }, 'other/x.txt': 'x' });
    const { api } = fixture.host({
      preopens: [
        { guest: '/sb', host: join(base, 'sandbox/sub') },
        { guest: '/other', host: join(base, 'other') },
      ],
    });
    const [[sb], [other]] = api.preopens.getDirectories() as Array<[Descriptor, string]>;
    const before = snapshot(base);
    expect(runAttempt((r) => r.openAt(FOLLOW, 'to-other/x.txt', {}, READ), sb!, api)).toBe(
      'not-permitted',
    );
    expect(runAttempt((r) => r.openAt(FOLLOW, '../sandbox/file.txt', {}, READ), other!, api)).toBe(
      'not-permitted',
    );
    expect(snapshot(base)).toEqual(before);
    // Moving between two preopens is allowed (both are the guest's).
    sb!.renameAt('inner.txt', other!, 'inner.txt');
    expect(
      Buffer.from(other!.openAt(NOFOLLOW, 'inner.txt', {}, READ).read(9n, 0n)[0]).toString(),
    ).toBe('inner');
  });

  it('a preopen mapped under another guest name (--mapdir) is confined the same way', () => {
    const base = makeSandbox(fixture.dir('wasi2-escape-'));
    const { api } = fixture.host({ preopens: [{ guest: '/', host: join(base, 'sandbox') }] });
    const [[root, name]] = api.preopens.getDirectories() as Array<[Descriptor, string]>;
    expect(name).toBe('/');
    expect(runAttempt((r) => r.openAt(FOLLOW, '../outside/secret.txt', {}, READ), root, api)).toBe(
      'not-permitted',
    );
    expect(runAttempt((r) => r.openAt(FOLLOW, 'link/secret.txt', {}, READ), root, api)).toBe(
      'not-permitted',
    );
  });

  for (const os of ['darwin', 'win32'] as const) {
    describe(`under ${os}'s rules (simulated: no /proc, link() follows links${os === 'win32' ? ', \\ separates, no O_NOFOLLOW' : ''})`, () => {
      beforeEach(() => setPlatformForTesting(simulatedPlatform(os)));
      afterEach(() => setPlatformForTesting(undefined));
      describeAttempts(os);
    });
  }
});
