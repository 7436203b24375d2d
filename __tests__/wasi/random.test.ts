/**
 * Seeded random probe scripts against upstream: sequences of opens (every lookup, open and fd
 * flag combination that matters), reads, writes, seeks, stats, directory listings, creations,
 * renames, links, removals, times and flags over the sandbox tree and a second preopen, with
 * paths that stay inside, climb out, follow links or name nothing. Logs, guest output and the trees afterwards must be identical.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, expectSameAsUpstream } from './harness.js';
import { inSandbox } from './scenarios.js';

const SEEDS = seeds(30);
const ALL_RIGHTS = '0x1fffffff';

/** Existing, new, escaping and odd paths relative to the preopen. */
const PATHS = [
  'file.txt',
  'sub',
  'sub/inner.txt',
  'sub/up',
  'sub/dotdot',
  'sub/dotdot/file.txt',
  'link',
  'link/secret.txt',
  'abs',
  'sublink',
  'sublink/inner.txt',
  'emptydir',
  'ch1',
  'l1',
  'tl',
  'dangling',
  'esc2',
  'new',
  'new2',
  'sub/new3',
  'emptydir/new4',
  'new/inside',
  '.',
  '..',
  '../outside/secret.txt',
  '/etc/passwd',
  'sub/../file.txt',
  'file.txt/',
  'sub/',
  'emptydir/..',
  '%',
];

function randomScript(seed: number): string[] {
  const { int, pick } = seededRandom(seed);
  const path = () => pick(PATHS);
  const dir = () => pick([3, 3, 3, 4]); // the sandbox, or the second preopen
  const fd = () => 3 + int(7); // the preopens and the descriptors the script opens
  const text = () => pick(['x', 'hello', 'AB%0aCD', '0123456789']);
  const commands: Array<() => string> = [
    () => {
      const oflags = pick([0, 0, 1, 2, 4, 5, 8, 9, 13, 3]);
      const fdflags = pick([0, 0, 1, 4]);
      return `open ${pick([dir(), fd()])} ${int(2)} ${path()} ${oflags} ${ALL_RIGHTS} ${ALL_RIGHTS} ${fdflags}`;
    },
    () => `close ${fd()}`,
    () => `read ${fd()} ${pick([0, 3, 100])}`,
    () => `pread ${fd()} ${pick([2, 50])} ${pick([0, 4, 1000])}`,
    () => `write ${fd()} ${text()}`,
    () => `pwrite ${fd()} ${text()} ${pick([0, 3, 20])}`,
    () => `seek ${fd()} ${pick([-3, 0, 2, 100])} ${int(3)}`,
    () => `tell ${fd()}`,
    () => `fstat ${fd()}`,
    () => `fdstat ${fd()}`,
    () => `pstat ${dir()} ${int(2)} ${path()}`,
    () => `readdir_all ${fd()}`,
    () => `readdir ${fd()} ${pick([24, 40, 200])} ${int(4)}`,
    () => `mkdir ${dir()} ${path()}`,
    () => `rmdir ${dir()} ${path()}`,
    () => `unlink ${dir()} ${path()}`,
    () => `rename ${dir()} ${path()} ${pick([dir(), fd()])} ${path()}`,
    () =>
      `symlink ${pick(['file.txt', 'sub', '../outside', 'nothere', '/etc', '%'])} ${dir()} ${path()}`,
    () => `link ${dir()} ${int(2)} ${path()} ${dir()} ${path()}`,
    () => `readlink ${dir()} ${path()} ${pick([2, 64])}`,
    () => `setsize ${fd()} ${pick([0, 4, 100])}`,
    () => `setflags ${fd()} ${pick([0, 1, 2, 4, 5])}`,
    () => `fsettimes ${fd()} 1000000000 2000000000 ${pick([0, 1, 3, 5, 10, 12])}`,
    () => `psettimes ${dir()} ${int(2)} ${path()} 1000000000 2000000000 ${pick([0, 5, 3, 10])}`,
    () => `advise ${fd()} 0 10 ${int(7)}`,
    () => `allocate ${fd()} ${pick([0, 5])} ${pick([0, 10])}`,
    () => `datasync ${fd()}`,
    () => `sync ${fd()}`,
    () => `renumber ${fd()} ${fd()}`,
  ];
  return Array.from({ length: 10 + int(25) }, () => pick(commands)());
}

/** Absolute (preopen-relative) and cwd-relative paths for the wasi-libc commands. */
const LIBC_PATHS = [
  '/sb/file.txt',
  '/sb/sub',
  '/sb/sub/inner.txt',
  '/sb/sub/up',
  '/sb/link',
  '/sb/link/secret.txt',
  '/sb/../outside/secret.txt',
  '/sb/new',
  '/sb/sub/new2',
  '/sb/emptydir',
  '/sb/dangling',
  '/sb/l1',
  '/out/secret.txt',
  '/out/new3',
  '/nowhere/x',
  'file.txt',
  'inner.txt',
  'up',
  '../file.txt',
  'new4',
  '.',
  '..',
];

/** The same kind of sequence through wasi-libc (its path resolution, stdio and errno mapping). */
function randomLibcScript(seed: number): string[] {
  const { int, pick } = seededRandom(seed);
  const path = () => pick(LIBC_PATHS);
  const fd = () => 3 + int(6);
  const commands: Array<() => string> = [
    () => `c_readfile ${path()}`,
    () => `c_writefile ${path()} ${pick(['w', 'a', 'r+', 'wx'])} ${pick(['hi', 'more%0a'])}`,
    () => `c_seekread ${path()} ${pick([0, 3, -2])} ${pick(['set', 'cur', 'end'])} 10`,
    () =>
      `c_open ${path()} ${pick(['r', 'w', 'rw|creat', 'w|creat|excl', 'rw|trunc', 'w|append', 'r|dir', 'r|nofollow', 'search'])}`,
    () => `c_close ${fd()}`,
    () => `c_read ${fd()} ${pick([0, 4, 100])}`,
    () => `c_write ${fd()} ${pick(['x', 'hello'])}`,
    () => `c_lseek ${fd()} ${pick([0, 2, -1])} ${pick(['set', 'cur', 'end'])}`,
    () => `c_stat ${path()}`,
    () => `c_lstat ${path()}`,
    () => `c_fstat ${fd()}`,
    () => `c_listdir ${path()}`,
    () => `c_mkdir ${path()}`,
    () => `c_rmdir ${path()}`,
    () => `c_unlink ${path()}`,
    () => `c_remove ${path()}`,
    () => `c_rename ${path()} ${path()}`,
    () => `c_symlink ${pick(['file.txt', 'sub', '../outside', '/sb/file.txt'])} ${path()}`,
    () => `c_link ${path()} ${path()}`,
    () => `c_readlink ${path()}`,
    () => `c_access ${path()} ${pick([0, 2, 4])}`,
    () => `c_truncate ${path()} ${pick([0, 3])}`,
    () => `c_getcwd`,
    () => `c_printf ${pick(['out', 'two%20words'])}`,
    () => `c_eprintf err`,
    () => `c_stdin ${pick([0, 3, 100])}`,
    () => `c_isatty ${int(5)}`,
    () => `c_getenv ${pick(['GREETING', 'NOPE'])}`,
    () => `c_chdir ${pick(['/sb', '/sb/sub', '/out', '/sb/link', '/nowhere', 'sub', '..'])}`,
  ];
  return Array.from({ length: 10 + int(25) }, () => pick(commands)());
}

describe('WASI: seeded random scripts match upstream', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;

  beforeAll(async () => {
    work = tempDir('wasi-random-');
    probe = await compileProbe();
  });
  afterAll(() => work?.cleanup());

  for (const seed of SEEDS) {
    it(`libc seed ${seed}`, () =>
      expectSameAsUpstream(
        probe,
        inSandbox(randomLibcScript(seed), {
          preopens: [
            ['/sb', 'sandbox'],
            ['/out', 'outside'],
          ],
          env: [['GREETING', 'hi there']],
          stdin: 'line one\nline two\n',
        }),
        `${work.path}/libc-${seed}`,
      ));
    it(`seed ${seed}`, () =>
      expectSameAsUpstream(
        probe,
        inSandbox(randomScript(seed), {
          preopens: [
            ['/sb', 'sandbox'],
            ['/out', 'outside'],
          ],
        }),
        `${work.path}/${seed}`,
      ));
  }
});
