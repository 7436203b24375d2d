/**
 * Escape attempts shared by the preview1 escape tests and the WASI 0.2 host's (which runs the same
 * scripts in the probe made a component): each tries to reach outside the preopen `/sb`.
 */
import type { Tree } from './harness.js';
import { sandboxTree } from './scenarios.js';

export const ALL_RIGHTS = '0x1fffffff';
/** The sandbox with two more link chains. */
export const escapeTree: Tree = {
  ...sandboxTree,
  'sandbox/ch3': { link: 'link/secret.txt' },
  'sandbox/ch4': { link: 'ch3' },
};

/** Probe scripts by name; each must fail with EPERM somewhere and never read the secret. */
export const escapeAttempts: Record<string, string[]> = {
  'relative symlink out of the preopen': [
    `open 3 1 link/secret.txt 0 ${ALL_RIGHTS} ${ALL_RIGHTS} 0`,
    'read 4 100',
    'pstat 3 1 link/secret.txt',
    'pstat 3 1 link',
    'open 3 1 link 0 0 0 0',
    'readdir_all 4',
    'c_readfile /sb/link/secret.txt',
    'c_stat /sb/link/secret.txt',
    'c_listdir /sb/link',
    'c_access /sb/link/secret.txt 0',
  ],
  'absolute symlink': [
    'open 3 1 abs/passwd 0 2 0 0',
    'open 3 1 abs 0 0 0 0',
    'pstat 3 1 abs/passwd',
    'readlink 3 abs 100',
    'c_readfile /sb/abs/passwd',
    'c_listdir /sb/abs',
  ],
  '.. and absolute paths': [
    'open 3 1 ../outside/secret.txt 0 2 0 0',
    'open 3 1 sub/../../outside/secret.txt 0 2 0 0',
    'open 3 1 .. 0 0 0 0',
    'open 3 1 /etc/passwd 0 2 0 0',
    'open 3 1 / 0 0 0 0',
    'pstat 3 0 ..',
    'pstat 3 1 /tmp',
    'c_readfile /sb/../outside/secret.txt',
    'c_readfile /etc/passwd',
    'c_readfile ../outside/secret.txt',
    'c_listdir /',
  ],
  'chained links and loops': [
    'open 3 1 esc2 0 2 0 0',
    'open 3 1 ch4 0 2 0 0',
    'pstat 3 1 ch4',
    'open 3 1 l1 0 2 0 0',
    'open 3 1 sub/dotdot/../outside/secret.txt 0 2 0 0',
    'c_readfile /sb/ch4',
  ],
  'links created by the module, then followed': [
    'symlink ../outside 3 mine',
    'open 3 1 mine/secret.txt 0 2 0 0',
    'symlink sub/../../outside/secret.txt 3 mine2',
    'readlink 3 mine2 100',
    'open 3 1 mine2 0 2 0 0',
    'symlink /etc/passwd 3 mine3',
    'symlink .. 3 sub/parent',
    'open 3 1 sub/parent/file.txt 0 2 0 0',
    'open 3 1 sub/parent/../outside/secret.txt 0 2 0 0',
    'c_symlink ../outside/secret.txt /sb/mine4',
    'c_readfile /sb/mine4',
    'c_symlink mine4 /sb/mine5',
    'c_readfile /sb/mine5',
  ],
  'a directory descriptor is its own sandbox': [
    'open 3 0 sub 0 0 0 0',
    'open 4 1 up 0 2 0 0',
    'open 4 1 dotdot/file.txt 0 2 0 0',
    'open 4 1 ../file.txt 0 2 0 0',
    'open 4 1 inner.txt 0 2 0 0',
    'read 5 100',
    'mkdir 4 ../made',
    'symlink x 4 ../made',
  ],
  'renames: moving an open directory and putting a link in its place': [
    'open 3 0 sub 0 0 0 0',
    'rename 3 sub 3 moved',
    'symlink ../outside 3 sub',
    'open 4 1 secret.txt 0 2 0 0',
    'open 4 1 inner.txt 0 2 0 0',
    'read 5 100',
    'mkdir 4 created-in-moved',
    'rename 3 file.txt 3 ../outside/stolen',
    'rename 3 link/secret.txt 3 taken',
    'symlink ../outside 3 moved/evil',
    'rename 3 moved/evil 3 evil',
    'open 3 1 evil/secret.txt 0 2 0 0',
    'link 3 0 link/secret.txt 3 hard',
    'link 3 0 file.txt 3 link/hard',
  ],
  'writes and deletions through links': [
    `open 3 1 link/new.txt 1 ${ALL_RIGHTS} 0 0`,
    'open 3 1 link/secret.txt 8 0x40 0 0',
    'mkdir 3 link/newdir',
    'unlink 3 link/secret.txt',
    'rmdir 3 link/..',
    'psettimes 3 1 link/secret.txt 1 1 5',
    'psettimes 3 0 link 1 1 5',
    'c_writefile /sb/link/secret.txt w PWNED',
    'c_writefile /sb/link/new.txt w PWNED',
    'c_truncate /sb/link/secret.txt 0',
    'c_unlink /sb/link/secret.txt',
    'c_rename /sb/link/secret.txt /sb/got.txt',
  ],
  'rights: asking for every right is ignored, not refused': [
    `open 3 1 file.txt 0 ${ALL_RIGHTS} ${ALL_RIGHTS} 0`,
    'fdstat 4',
    'read 4 5',
    `open 3 1 sub 2 ${ALL_RIGHTS} ${ALL_RIGHTS} 0`,
    `open 3 1 sub 2 0x3fffffbf ${ALL_RIGHTS} 0`,
    `open 3 1 link/secret.txt 0 ${ALL_RIGHTS} ${ALL_RIGHTS} 0`,
  ],
};

/** 40 link expansions resolve; the 41st is a loop. */
export function linkChain(length: number): Record<string, { link: string } | string> {
  const entries: Record<string, { link: string } | string> = {
    'sandbox/target.txt': 'end of chain',
  };
  for (let i = 0; i < length; i++) {
    entries[`sandbox/c${i}`] = { link: i === length - 1 ? 'target.txt' : `c${i + 1}` };
  }
  return entries;
}
