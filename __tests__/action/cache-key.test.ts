/** Cache key derivation: everything that can change the output changes the key, nothing else does. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { digestFile, digestTree, portableLinkTarget } from '../../src/cache/content.js';
import {
  canonicalJson,
  moduleCacheKey,
  settingsDigest,
  sha256Hex,
  type ContentDigests,
} from '../../src/cache/key.js';
import { DEFAULT_OPTIONS, type WizenOptions } from '../../src/wizer/options.js';
import { tempDir } from '../helpers/tools.js';
import { writeTree } from './fixtures.js';

const noContents: ContentDigests = { preopens: [], preloads: [] };
const digest = (options: Partial<WizenOptions>, contents = noContents, tool = '1.0.0') =>
  settingsDigest(options, contents, tool);

describe('settingsDigest', () => {
  const base = digest({});

  it('is stable and equal for explicit defaults', () => {
    expect(digest({})).toBe(base);
    expect(digest({ ...DEFAULT_OPTIONS })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<WizenOptions>]>([
    ['init func', { initFunc: 'other' }],
    ['a rename', { renames: [['main', '_start']] }],
    ['keep-init-func', { keepInitFunc: true }],
    ['allow-wasi', { allowWasi: true }],
    ['inherit-stdio', { inheritStdio: false }],
    ['inherit-env', { inheritEnv: true }],
    ['an env variable', { env: [['A', '1']] }],
    ['a feature switch', { features: { ...DEFAULT_OPTIONS.features, simd: false } }],
    ['relaxed SIMD determinism', { relaxedSimdDeterministic: false }],
  ])('changes with %s', (_name, options) => {
    expect(digest(options)).not.toBe(base);
  });

  it('depends on env order and values', () => {
    const ab = digest({
      env: [
        ['A', '1'],
        ['B', '2'],
      ],
    });
    expect(
      digest({
        env: [
          ['B', '2'],
          ['A', '1'],
        ],
      }),
    ).not.toBe(ab);
    expect(
      digest({
        env: [
          ['A', '1'],
          ['B', '3'],
        ],
      }),
    ).not.toBe(ab);
  });

  it('ignores the timeout and where guest stdout goes', () => {
    expect(digest({ timeoutMs: 1000 })).toBe(base);
    expect(digest({ guestStdoutToStderr: true })).toBe(base);
  });

  it('hashes what preopens and preloads contain, and their guest names, never host paths', () => {
    const preopen = (host: string, guest = '/data') => ({ preopens: [{ guest, host }] });
    const one = digest(preopen('/a'), { preopens: ['c1'], preloads: [] });
    expect(digest(preopen('/elsewhere'), { preopens: ['c1'], preloads: [] })).toBe(one);
    expect(digest(preopen('/a'), { preopens: ['c2'], preloads: [] })).not.toBe(one);
    expect(digest(preopen('/a', '/other'), { preopens: ['c1'], preloads: [] })).not.toBe(one);

    const preload = (path: string, name = 'lib') => ({ preloads: [{ name, path }] });
    const lib = digest(preload('/x.wasm'), { preopens: [], preloads: ['p1'] });
    expect(digest(preload('/y.wasm'), { preopens: [], preloads: ['p1'] })).toBe(lib);
    expect(digest(preload('/x.wasm'), { preopens: [], preloads: ['p2'] })).not.toBe(lib);
    expect(digest(preload('/x.wasm', 'other'), { preopens: [], preloads: ['p1'] })).not.toBe(lib);
  });

  it('changes with the tool version', () => {
    expect(digest({}, noContents, '1.0.1')).not.toBe(base);
  });

  it('refuses content digests that do not line up with the options', () => {
    expect(() => digest({ preloads: [{ name: 'a', path: 'b' }] })).toThrow(/one content digest/);
  });
});

describe('moduleCacheKey', () => {
  const settings = digest({});
  const module = sha256Hex('module bytes');

  it('is prefix, tool version and a digest of settings and module', () => {
    const key = moduleCacheKey('pre-', '1.2.3', settings, module);
    expect(key).toMatch(/^pre-wizer-1\.2\.3-[0-9a-f]{64}$/);
    expect(moduleCacheKey('pre-', '1.2.3', settings, sha256Hex('other bytes'))).not.toBe(key);
    expect(moduleCacheKey('pre-', '1.2.3', digest({ initFunc: 'x' }), module)).not.toBe(key);
    expect(moduleCacheKey('', '1.2.3', settings, module)).toBe(key.slice('pre-'.length));
  });

  it('stays well inside the service limits (512 characters, no commas)', () => {
    const key = moduleCacheKey('p'.repeat(200), '10.20.30-beta.1', settings, module);
    expect(key.length).toBeLessThan(512);
    expect(key).not.toContain(',');
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });
});

describe('content digests', () => {
  const dir = tempDir('wizer-digest-');
  afterAll(dir.cleanup);
  const tree = (name: string, files: Record<string, string>) => {
    const root = join(dir.path, name);
    writeTree(root, files);
    return root;
  };

  it('depend on names and contents, not on where the tree lives', async () => {
    const a = await digestTree(tree('a', { 'x.txt': 'one', 'sub/y.txt': 'two' }));
    expect(await digestTree(tree('b', { 'x.txt': 'one', 'sub/y.txt': 'two' }))).toBe(a);
    expect(await digestTree(tree('c', { 'x.txt': 'one', 'sub/y.txt': 'TWO' }))).not.toBe(a);
    expect(await digestTree(tree('d', { 'x.txt': 'one', 'sub/z.txt': 'two' }))).not.toBe(a);
    expect(await digestTree(tree('e', { 'x.txt': 'one', 'sub/y.txt': 'two', extra: '' }))).not.toBe(
      a,
    );
  });

  it('tell an empty directory from a missing one, and record symlink targets', async () => {
    mkdirSync(join(dir.path, 'empty'));
    const empty = await digestTree(join(dir.path, 'empty'));
    expect(await digestTree(join(dir.path, 'missing'))).toBe('missing');
    expect(empty).not.toBe('missing');
    const linked = tree('linked', { 'target.txt': 't' });
    symlinkSync('target.txt', join(linked, 'link'));
    const withLink = await digestTree(linked);
    rmSync(join(linked, 'link'));
    symlinkSync('elsewhere.txt', join(linked, 'link'));
    expect(await digestTree(linked)).not.toBe(withLink);
  });

  it('hash files by content', async () => {
    writeFileSync(join(dir.path, 'f1'), 'same');
    writeFileSync(join(dir.path, 'f2'), 'same');
    expect(await digestFile(join(dir.path, 'f1'))).toBe(sha256Hex('same'));
    expect(await digestFile(join(dir.path, 'f2'))).toBe(sha256Hex('same'));
    expect(await digestFile(join(dir.path, 'nope'))).toBe('missing');
  });

  it('join relative paths with / (the recipe, pinned: keys must not depend on the host)', async () => {
    const root = tree('recipe', { 'a/b.txt': 'x', 'c.txt': '' });
    const records = [
      'd "a"\n',
      `f "a/b.txt" 1 ${sha256Hex('x')}\n`,
      `f "c.txt" 0 ${sha256Hex('')}\n`,
    ];
    expect(await digestTree(root)).toBe(sha256Hex(records.join('')));
    expect(await digestTree(root, win32)).toBe(sha256Hex(records.join('')));
  });

  it('read link targets the same on Windows, where they come back with \\', async () => {
    // On this POSIX file system a backslash is part of the name, so the link below reads back
    // exactly as a Windows host reads `sub/target.txt`.
    const windowsTree = tree('win-links', { 'sub/target.txt': 't' });
    symlinkSync('sub\\target.txt', join(windowsTree, 'link'));
    const posixTree = tree('posix-links', { 'sub/target.txt': 't' });
    symlinkSync('sub/target.txt', join(posixTree, 'link'));
    const onPosix = await digestTree(posixTree, posix);
    expect(await digestTree(windowsTree, win32)).toBe(onPosix);
    // On POSIX the backslash is a name character, so that link points elsewhere.
    expect(await digestTree(windowsTree, posix)).not.toBe(onPosix);
  });

  it('turn only the host separator into /', () => {
    expect(portableLinkTarget('..\\data\\x.bin', '\\')).toBe('../data/x.bin');
    expect(portableLinkTarget('C:\\data\\x.bin', '\\')).toBe('C:/data/x.bin');
    expect(portableLinkTarget('a\\b', '/')).toBe('a\\b');
    expect(portableLinkTarget('a/b', '/')).toBe('a/b');
  });
});
