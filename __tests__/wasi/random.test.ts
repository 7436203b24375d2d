/**
 * Seeded random probe scripts against upstream: sequences of opens (every lookup, open and fd
 * flag combination that matters), reads, writes, seeks, stats, directory listings, creations,
 * renames, links and removals over the sandbox tree, with paths that stay inside, climb out,
 * follow links or name nothing. Logs, guest output and the trees afterwards must be identical.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, expectSameAsUpstream, hasClang } from './harness.js';
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
  const next = seededRandom(seed);
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const path = () => pick(PATHS);
  const fd = () => 3 + int(6); // the preopen and the descriptors the script opens
  const text = () => pick(['x', 'hello', 'AB%0aCD', '0123456789']);
  const commands: Array<() => string> = [
    () => {
      const oflags = pick([0, 0, 1, 2, 4, 5, 8, 9, 13, 3]);
      const fdflags = pick([0, 0, 1]);
      return `open ${pick([3, 3, 3, fd()])} ${int(2)} ${path()} ${oflags} ${ALL_RIGHTS} ${ALL_RIGHTS} ${fdflags}`;
    },
    () => `close ${fd()}`,
    () => `read ${fd()} ${pick([0, 3, 100])}`,
    () => `pread ${fd()} ${pick([2, 50])} ${pick([0, 4, 1000])}`,
    () => `write ${fd()} ${text()}`,
    () => `pwrite ${fd()} ${text()} ${pick([0, 3, 20])}`,
    () => `seek ${fd()} ${pick([-3, 0, 2, 100])} ${int(3)}`,
    () => `tell ${fd()}`,
    () => `fstat ${fd()}`,
    () => `pstat 3 ${int(2)} ${path()}`,
    () => `readdir_all ${fd()}`,
    () => `mkdir 3 ${path()}`,
    () => `rmdir 3 ${path()}`,
    () => `unlink 3 ${path()}`,
    () => `rename 3 ${path()} ${pick([3, fd()])} ${path()}`,
    () => `symlink ${pick(['file.txt', 'sub', '../outside', 'nothere', '/etc'])} 3 ${path()}`,
    () => `link 3 ${int(2)} ${path()} 3 ${path()}`,
    () => `readlink 3 ${path()} ${pick([2, 64])}`,
    () => `setsize ${fd()} ${pick([0, 4, 100])}`,
    () => `renumber ${fd()} ${fd()}`,
  ];
  return Array.from({ length: 10 + int(25) }, () => pick(commands)());
}

describe.skipIf(!hasClang)('WASI: seeded random scripts match upstream', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;

  beforeAll(() => {
    work = tempDir('wasi-random-');
    probe = compileProbe(work.path);
  });
  afterAll(() => work?.cleanup());

  for (const seed of SEEDS) {
    it(`seed ${seed}`, () =>
      expectSameAsUpstream(probe, inSandbox(randomScript(seed)), `${work.path}/${seed}`));
  }
});
