/** Matching, ordering, output paths, exclusions and sharding. */
import { afterAll, describe, expect, it } from 'vitest';
import { join, resolve, win32 } from 'node:path';
import {
  displayName,
  matchFiles,
  pathBelow,
  patternWarnings,
  outputPath,
  pickShard,
  planModules,
} from '../../src/action/files.js';
import { artifactRoot } from '../../src/action/artifact.js';
import { tempDir } from '../helpers/tools.js';
import { writeTree } from './fixtures.js';

const ws = resolve('/ws');
const at = (...parts: string[]) => join(ws, ...parts);

describe('output paths', () => {
  it('beside: NAME.wizer.wasm next to the input', () => {
    expect(outputPath(at('m', 'app.wasm'), ws, { kind: 'beside' })).toBe(at('m', 'app.wizer.wasm'));
    expect(outputPath(at('m', 'APP.WASM'), ws, { kind: 'beside' })).toBe(at('m', 'APP.wizer.wasm'));
    expect(outputPath(at('m', 'noext'), ws, { kind: 'beside' })).toBe(at('m', 'noext.wizer.wasm'));
  });

  it('directory: keeps the workspace-relative path; refuses files outside the workspace', () => {
    const mode = { kind: 'directory' as const, dir: at('out') };
    expect(outputPath(at('m', 'a.wasm'), ws, mode)).toBe(at('out', 'm', 'a.wasm'));
    expect(() => outputPath(resolve('/elsewhere/a.wasm'), ws, mode)).toThrow(
      /outside the workspace/,
    );
  });

  it('in-place: the input itself', () => {
    expect(outputPath(at('a.wasm'), ws, { kind: 'in-place' })).toBe(at('a.wasm'));
  });

  it('names are workspace-relative POSIX paths, absolute outside the workspace', () => {
    expect(displayName(at('m', 'a.wasm'), ws)).toBe('m/a.wasm');
    expect(displayName(resolve('/other/a.wasm'), ws)).toBe(
      resolve('/other/a.wasm').split('\\').join('/'),
    );
  });

  it('a name starting with two dots is inside the workspace; only a `..` component leads out', () => {
    expect(pathBelow(ws, at('..a.wasm'))).toBe('..a.wasm');
    expect(displayName(at('..a.wasm'), ws)).toBe('..a.wasm');
    expect(displayName(at('m', '..', '..b', 'c.wasm'), ws)).toBe('..b/c.wasm');
    const mode = { kind: 'directory' as const, dir: at('out') };
    expect(outputPath(at('..a.wasm'), ws, mode)).toBe(at('out', '..a.wasm'));
    expect(pathBelow(ws, resolve(ws, '..', 'x.wasm'))).toBeUndefined();
    expect(pathBelow(ws, ws)).toBeUndefined();
    expect(pathBelow(ws, resolve(ws, '..'))).toBeUndefined();
  });
});

describe('on Windows (path.win32 on this host)', () => {
  const wws = 'C:\\ws';

  it('compares with the workspace regardless of case, and leaves it only by a `..` component or another drive', () => {
    expect(pathBelow(wws, 'c:\\WS\\m\\a.wasm', win32)).toBe('m\\a.wasm');
    expect(pathBelow(wws, 'C:\\ws\\..a.wasm', win32)).toBe('..a.wasm');
    expect(pathBelow(wws, 'C:\\ws\\..\\x.wasm', win32)).toBeUndefined();
    expect(pathBelow(wws, 'C:\\wsx\\a.wasm', win32)).toBeUndefined();
    expect(pathBelow(wws, 'D:\\ws\\a.wasm', win32)).toBeUndefined();
    expect(pathBelow(wws, 'c:\\WS', win32)).toBeUndefined();
  });

  it('names use / inside and outside the workspace, whatever separators the path came with', () => {
    expect(displayName('C:\\ws\\m\\a.wasm', wws, win32)).toBe('m/a.wasm');
    expect(displayName('c:\\ws\\m\\a.wasm', wws, win32)).toBe('m/a.wasm');
    expect(displayName('C:\\ws/m/a.wasm', wws, win32)).toBe('m/a.wasm');
    expect(displayName('D:\\other\\a.wasm', wws, win32)).toBe('D:/other/a.wasm');
  });

  it('output paths stay Windows paths', () => {
    expect(outputPath('C:\\ws\\m\\APP.WASM', wws, { kind: 'beside' }, win32)).toBe(
      'C:\\ws\\m\\APP.wizer.wasm',
    );
    const mode = { kind: 'directory' as const, dir: 'C:\\ws\\out' };
    expect(outputPath('c:\\WS\\m\\a.wasm', wws, mode, win32)).toBe('C:\\ws\\out\\m\\a.wasm');
    expect(() => outputPath('D:\\m\\a.wasm', wws, mode, win32)).toThrow(/outside the workspace/);
  });

  it('plans with / names, excludes output-dir regardless of case, and writes Windows output paths', () => {
    const plan = planModules(
      ['C:\\ws\\b.wasm', 'c:\\ws\\a\\z.wasm', 'C:\\ws\\OUT\\b.wasm'],
      wws,
      { kind: 'directory', dir: 'C:\\ws\\out' },
      undefined,
      () => 1,
      win32,
    );
    expect(plan.modules).toEqual([
      { input: 'c:\\ws\\a\\z.wasm', name: 'a/z.wasm', output: 'C:\\ws\\out\\a\\z.wasm' },
      { input: 'C:\\ws\\b.wasm', name: 'b.wasm', output: 'C:\\ws\\out\\b.wasm' },
    ]);
    expect(plan.excluded).toEqual([{ name: 'OUT/b.wasm', reason: 'inside output-dir' }]);
  });

  it('artifact paths are relative to the workspace, matched regardless of case', () => {
    expect(artifactRoot(['c:\\WS\\m\\a.wasm', 'C:\\ws\\..b.wasm'], wws, win32)).toBe(wws);
    expect(artifactRoot(['D:\\o\\a\\x.wasm', 'D:\\o\\b\\y.wasm'], wws, win32)).toBe('D:\\o');
  });
});

describe('patternWarnings', () => {
  it("warns about '\\' in patterns where it is an escape, not on Windows", () => {
    expect(patternWarnings(['mods\\*.wasm', 'ok/*.wasm'], 'linux')).toEqual([
      "Pattern `mods\\*.wasm` contains '\\', which escapes the next character here (on Windows it separates directories); use '/' between directories, which works on every OS",
    ]);
    expect(patternWarnings(['mods\\*.wasm'], 'darwin')).toHaveLength(1);
    expect(patternWarnings(['mods\\*.wasm'], 'win32')).toEqual([]);
    expect(patternWarnings(['**/*.wasm', '!skip/**'], 'linux')).toEqual([]);
  });
});

describe('planModules', () => {
  it('orders by byte order of names, whatever the match order', () => {
    const plan = planModules([at('b.wasm'), at('B.wasm'), at('a', 'z.wasm'), at('a.wasm')], ws, {
      kind: 'beside',
    });
    expect(plan.modules.map((m) => m.name)).toEqual(['B.wasm', 'a.wasm', 'a/z.wasm', 'b.wasm']);
  });

  it('leaves out (and reports) its own outputs and files inside output-dir', () => {
    const beside = planModules([at('a.wasm'), at('a.wizer.wasm')], ws, { kind: 'beside' });
    expect(beside.modules.map((m) => m.name)).toEqual(['a.wasm']);
    expect(beside.excluded).toEqual([
      { name: 'a.wizer.wasm', reason: 'an output of this action (*.wizer.wasm)' },
    ]);
    expect(beside.matched).toBe(2);

    const dir = planModules([at('a.wasm'), at('out', 'a.wasm')], ws, {
      kind: 'directory',
      dir: at('out'),
    });
    expect(dir.modules.map((m) => m.name)).toEqual(['a.wasm']);
    expect(dir.excluded).toEqual([{ name: 'out/a.wasm', reason: 'inside output-dir' }]);
  });

  it('in-place keeps files named *.wizer.wasm: they are inputs there', () => {
    expect(planModules([at('a.wizer.wasm')], ws, { kind: 'in-place' }).modules).toHaveLength(1);
  });
});

describe('shards', () => {
  const items = Array.from({ length: 23 }, (_, i) => ({
    name: `m${String(i).padStart(2, '0')}.wasm`,
    size: 1000 + ((i * 7919) % 5000),
  }));
  const sizeOf = (item: { size: number }) => item.size;

  it('partition the files: each in exactly one shard', () => {
    for (const total of [1, 2, 3, 5, 23, 30]) {
      const shards = Array.from({ length: total }, (_, i) =>
        pickShard(items, { index: i + 1, total }, sizeOf),
      );
      expect(
        shards
          .flat()
          .map((i) => i.name)
          .sort(),
      ).toEqual(items.map((i) => i.name).sort());
    }
  });

  it('are balanced by size within the largest item', () => {
    const total = 4;
    const loads = Array.from({ length: total }, (_, i) =>
      pickShard(items, { index: i + 1, total }, sizeOf).reduce((sum, item) => sum + item.size, 0),
    );
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(
      Math.max(...items.map((i) => i.size)),
    );
  });

  it('do not depend on the order the files were matched in', () => {
    const reversed = [...items].reverse();
    for (let index = 1; index <= 3; index++) {
      expect(pickShard(reversed, { index, total: 3 }, sizeOf)).toEqual(
        pickShard(items, { index, total: 3 }, sizeOf),
      );
    }
  });

  it('are reported by planModules as files of other shards', () => {
    const files = items.map((i) => at(i.name));
    const plan = planModules(files, ws, { kind: 'beside' }, { index: 2, total: 3 }, () => 1);
    expect(plan.otherShards + plan.modules.length).toBe(items.length);
    expect(plan.modules.length).toBeGreaterThan(0);
  });
});

describe('matchFiles', () => {
  const dir = tempDir('wizer-glob-');
  afterAll(dir.cleanup);

  it('matches files (not directories) relative to the working directory, with excludes', async () => {
    writeTree(dir.path, {
      'a.wasm': 'x',
      'sub/b.wasm': 'x',
      'sub/skip.wasm': 'x',
      'sub/c.txt': 'x',
      'dir.wasm/inner': 'x',
    });
    const cwd = process.cwd();
    process.chdir(dir.path);
    try {
      const files = await matchFiles(['**/*.wasm', '!sub/skip.wasm']);
      expect(files.map((f) => displayName(f, dir.path)).sort()).toEqual(['a.wasm', 'sub/b.wasm']);
    } finally {
      process.chdir(cwd);
    }
  });
});
