/** Guest path syntax per host OS and the move log that replaces `/proc/self/fd` elsewhere. */
import { closeSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WasiErrno } from '../../src/wasi/errno.js';
import { DirectoryLocation, MoveLog } from '../../src/wasi/locations.js';
import {
  checkName,
  guestLinkTarget,
  hostLinkTarget,
  isAbsolute,
  openDirectory,
  setPlatformForTesting,
  simulatedPlatform,
  splitPath,
} from '../../src/wasi/platform.js';

afterEach(() => setPlatformForTesting(undefined));

describe('guest path syntax', () => {
  it('POSIX rules: only / separates and starts absolute paths; every other name is plain', () => {
    setPlatformForTesting(simulatedPlatform('darwin'));
    expect(splitPath('a\\b/c')).toEqual(['a\\b', 'c']);
    for (const path of ['/etc', '/']) expect(isAbsolute(path), path).toBe(true);
    for (const path of ['C:\\x', 'C:', '\\\\server\\share', 'a/b', '']) {
      expect(isAbsolute(path), path).toBe(false);
    }
    for (const name of ['NUL', 'a:b', '.. ', 'x.', 'a<b'])
      expect(() => checkName(name)).not.toThrow();
    expect(hostLinkTarget('a/b')).toBe('a/b');
  });

  it('Windows rules: \\ separates too; drives, UNC and rooted names are absolute', () => {
    setPlatformForTesting(simulatedPlatform('win32'));
    expect(splitPath('a\\b/c')).toEqual(['a', 'b', 'c']);
    const absolute = ['/etc', '\\', '\\\\server\\share', '\\\\?\\C:\\x', 'C:\\x', 'c:', 'Z:rel'];
    for (const path of absolute) expect(isAbsolute(path), path).toBe(true);
    expect(isAbsolute(Buffer.from('D:\\x'))).toBe(true);
    for (const path of ['a/b', 'ab:c', '1:x', ':x', '']) expect(isAbsolute(path), path).toBe(false);
  });

  it('Windows rules: names Windows would reinterpret are EINVAL', () => {
    setPlatformForTesting(simulatedPlatform('win32'));
    const refused = [
      ...['NUL', 'con', 'Con.txt', 'aux.tar.gz', 'COM1', 'lpt9.log', 'CONIN$', 'nul '],
      ...['a:b', 'file.txt:stream', 'x.', '.. ', '...', 'a ', 'a<b', 'a>b', 'a"b', 'a|b'],
      ...['a?', 'a*', 'tab\there', 'COM\u00b9', 'lpt\u00b3.txt', 'com0'],
    ];
    for (const name of refused) {
      expect(() => checkName(name), JSON.stringify(name)).toThrow(new WasiErrno(28));
    }
    for (const name of ['nullable', 'console.txt', 'com10', 'a.b', '.hidden', 'x y', 'ünï']) {
      expect(() => checkName(name), name).not.toThrow();
    }
  });

  it('Windows rules: link targets are stored with \\ and read back with /', () => {
    setPlatformForTesting(simulatedPlatform('win32'));
    expect(hostLinkTarget('../a/b')).toBe('..\\a\\b');
    expect(guestLinkTarget(Buffer.from('..\\a\\b')).toString()).toBe('../a/b');
  });
});

describe('preopens where O_DIRECTORY is missing', () => {
  it('a file is refused after opening, with the error the host would give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasi-platform-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      setPlatformForTesting(simulatedPlatform('win32'));
      expect(() => openDirectory(join(dir, 'file'))).toThrow(
        expect.objectContaining({ code: 'ENOTDIR' }),
      );
      closeSync(openDirectory(dir));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('directory locations replay the guest own moves', () => {
  it('a moved directory and everything below it follow the move; siblings do not', () => {
    const log = new MoveLog();
    const root = DirectoryLocation.preopen(log, '/pre');
    const sub = root.below(['sub']);
    const deep = sub.below(['a', 'b']);
    const sibling = root.below(['subway']);
    log.record(root.below(['sub']), root.below(['moved', 'here']));
    expect(sub.current()).toEqual({ root: '/pre', components: ['moved', 'here'] });
    expect(deep.current()).toEqual({ root: '/pre', components: ['moved', 'here', 'a', 'b'] });
    expect(sibling.current()).toEqual({ root: '/pre', components: ['subway'] });
    expect(root.current()).toEqual({ root: '/pre', components: [] });
  });

  it('moves apply in order, across preopens, and only to locations made before them', () => {
    const log = new MoveLog();
    const first = DirectoryLocation.preopen(log, '/one');
    const second = DirectoryLocation.preopen(log, '/two');
    const dir = first.below(['d']);
    log.record(first.below(['d']), second.below(['e']));
    log.record(second.below(['e']), second.below(['f']));
    expect(dir.current()).toEqual({ root: '/two', components: ['f'] });
    // Made after the moves: `d` below /one is a new directory of that name.
    expect(first.below(['d']).current()).toEqual({ root: '/one', components: ['d'] });
  });
});
