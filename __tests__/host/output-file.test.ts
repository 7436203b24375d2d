/**
 * Output files on a real file system: regular files are replaced atomically, links keep being
 * links, and targets that are not files (a FIFO here, standing for /dev/null or /dev/stdout) are
 * written in place instead of being replaced by a regular file.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NODE_OUTPUT_HOST,
  OutputFile,
  OutputReplaceError,
  WINDOWS_RENAME_DELAYS_MS,
  isWindowsDevice,
  replaceFile,
  writeOutputFile,
  type OutputHost,
} from '../../src/host/output-file.js';
import { runProcess, tempDir } from '../helpers/tools.js';

const BYTES = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

describe('OutputFile', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('output-file-');
  });
  afterEach(() => dir.cleanup());

  it('creates a new file and leaves no temporary file behind', () => {
    const target = join(dir.path, 'out.wasm');
    writeOutputFile(target, BYTES);
    expect(new Uint8Array(readFileSync(target))).toEqual(BYTES);
    expect(readdirSync(dir.path)).toEqual(['out.wasm']);
  });

  it('writes chunks in order: thousands of them, empty ones, views into larger buffers', () => {
    const target = join(dir.path, 'out.wasm');
    const backing = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    // More chunks than one writev takes (1024), of sizes 0..12, at varying offsets.
    const chunks = Array.from({ length: 5000 }, (_, k) =>
      backing.subarray(k % 3000, (k % 3000) + (k % 13)),
    );
    const file = OutputFile.create(target);
    file.commit(chunks);
    expect(Buffer.from(readFileSync(target)).equals(Buffer.concat(chunks))).toBe(true);
    expect(readdirSync(dir.path)).toEqual(['out.wasm']);
  });

  it('replaces an existing file and keeps its permissions', () => {
    const target = join(dir.path, 'out.wasm');
    writeFileSync(target, 'old contents');
    chmodSync(target, 0o640);
    writeOutputFile(target, BYTES);
    expect(new Uint8Array(readFileSync(target))).toEqual(BYTES);
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('writes through a symbolic link: the link stays and its target is replaced', () => {
    mkdirSync(join(dir.path, 'real'));
    writeFileSync(join(dir.path, 'real', 'out.wasm'), 'old');
    const link = join(dir.path, 'link.wasm');
    symlinkSync(join('real', 'out.wasm'), link);
    writeOutputFile(link, BYTES);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('real', 'out.wasm'));
    expect(new Uint8Array(readFileSync(join(dir.path, 'real', 'out.wasm')))).toEqual(BYTES);
    expect(readdirSync(join(dir.path, 'real'))).toEqual(['out.wasm']);
  });

  it('creates the target of a dangling link', () => {
    const link = join(dir.path, 'link.wasm');
    symlinkSync('made.wasm', link);
    writeOutputFile(link, BYTES);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(new Uint8Array(readFileSync(join(dir.path, 'made.wasm')))).toEqual(BYTES);
  });

  it.runIf(process.platform !== 'win32')(
    'writes into a FIFO in place (as into /dev/null or /dev/stdout), never replacing it',
    async () => {
      const fifo = join(dir.path, 'pipe');
      const made = await runProcess('mkfifo', [fifo]);
      expect(made.code, made.stderr).toBe(0);
      const reader = spawn('cat', [fifo]);
      const received: Buffer[] = [];
      reader.stdout.on('data', (chunk: Buffer) => received.push(chunk));
      const closed = new Promise((resolve) => reader.on('close', resolve));
      writeOutputFile(fifo, BYTES);
      await closed;
      expect(new Uint8Array(Buffer.concat(received))).toEqual(BYTES);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(dir.path)).toEqual(['pipe']);
    },
  );

  it('refuses a directory up front', () => {
    mkdirSync(join(dir.path, 'out.wasm'));
    expect(() => OutputFile.create(join(dir.path, 'out.wasm'))).toThrow(/EISDIR/);
  });

  it('leaves nothing behind when abandoned, and the old file untouched', () => {
    const target = join(dir.path, 'out.wasm');
    writeFileSync(target, 'old contents');
    OutputFile.create(target).abandon();
    expect(readFileSync(target, 'utf8')).toBe('old contents');
    expect(readdirSync(dir.path)).toEqual(['out.wasm']);
  });
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** A host that records its calls; `rename` fails with the given codes in turn, then succeeds. */
function fakeHost(platform: NodeJS.Platform, failures: string[], mode?: number) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  let left = [...failures];
  const host: OutputHost = {
    platform,
    rename: (from, to) => {
      calls.push(`rename ${from} ${to}`);
      const code = left.shift();
      if (code !== undefined) throw errno(code);
    },
    mode: () => mode,
    chmod: (path, m) => void calls.push(`chmod ${path} ${m.toString(8)}`),
    sleep: (ms) => void sleeps.push(ms),
  };
  return {
    host,
    calls,
    sleeps,
    failForever: () => {
      left = new Array<string>(1000).fill('EPERM');
    },
  };
}

describe('replaceFile', () => {
  it('renames once on POSIX, passing any error on untouched', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const fake = fakeHost(platform, ['EPERM']);
      expect(() => replaceFile('t', 'out', fake.host)).toThrow(/^EPERM: simulated$/);
      expect(fake.calls).toEqual(['rename t out']);
      expect(fake.sleeps).toEqual([]);
    }
  });

  it('retries EPERM, EACCES and EBUSY on Windows with growing waits until the rename succeeds', () => {
    const fake = fakeHost('win32', ['EPERM', 'EACCES', 'EBUSY', 'EPERM']);
    replaceFile('t', 'out', fake.host);
    expect(fake.calls).toEqual(Array(5).fill('rename t out'));
    expect(fake.sleeps).toEqual(WINDOWS_RENAME_DELAYS_MS.slice(0, 4));
    expect(fake.sleeps).toEqual([10, 20, 40, 80]);
  });

  it('does not retry other errors on Windows', () => {
    const fake = fakeHost('win32', ['ENOENT']);
    expect(() => replaceFile('t', 'out', fake.host)).toThrow(/^ENOENT: simulated$/);
    expect(fake.calls).toHaveLength(1);
  });

  it('gives up after a bounded few seconds with an error naming the file', () => {
    const fake = fakeHost('win32', []);
    fake.failForever();
    let thrown: unknown;
    try {
      replaceFile('t', 'C:\\work\\out.wasm', fake.host);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputReplaceError);
    const error = thrown as OutputReplaceError;
    expect(error.path).toBe('C:\\work\\out.wasm');
    expect(error.code).toBe('EPERM');
    expect(error.message).toMatch(
      /^could not replace `C:\\work\\out\.wasm` \(EPERM\) after 12 attempts over 5\.3 s: another program/,
    );
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EPERM');
    expect(fake.calls).toHaveLength(WINDOWS_RENAME_DELAYS_MS.length + 1);
    expect(fake.sleeps).toEqual(WINDOWS_RENAME_DELAYS_MS);
    const total = fake.sleeps.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(10_000);
  });

  it('on Windows clears a read-only target for the rename and marks the new file read-only', () => {
    const fake = fakeHost('win32', ['EBUSY'], 0o100444);
    replaceFile('t', 'out', fake.host);
    expect(fake.calls).toEqual([
      'chmod out 100644',
      'rename t out',
      'rename t out',
      'chmod out 100444',
    ]);
  });

  it('on Windows puts the read-only bit back on the old file when the rename fails', () => {
    const fake = fakeHost('win32', ['ENOSPC'], 0o100444);
    expect(() => replaceFile('t', 'out', fake.host)).toThrow(/ENOSPC/);
    expect(fake.calls).toEqual(['chmod out 100644', 'rename t out', 'chmod out 100444']);
  });
});

describe('OutputFile with Windows behaviour (simulated on this file system)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('output-file-win-');
  });
  afterEach(() => dir.cleanup());
  const windows = (overrides: Partial<OutputHost> = {}): OutputHost => ({
    ...NODE_OUTPUT_HOST,
    platform: 'win32',
    sleep: () => {},
    ...overrides,
  });

  it('replaces a file another process holds for a while', () => {
    const target = join(dir.path, 'out.wasm');
    writeFileSync(target, 'old contents');
    let refusals = 3;
    const output = OutputFile.create(
      target,
      windows({
        rename: (from, to) => {
          if (refusals-- > 0) throw errno('EBUSY');
          NODE_OUTPUT_HOST.rename(from, to);
        },
      }),
    );
    output.commit(BYTES);
    expect(new Uint8Array(readFileSync(target))).toEqual(BYTES);
    expect(readdirSync(dir.path)).toEqual(['out.wasm']);
  });

  it('when the file stays held: fails naming it, removes the temporary file, keeps the old one', () => {
    const target = join(dir.path, 'out.wasm');
    writeFileSync(target, 'old contents');
    const output = OutputFile.create(
      target,
      windows({
        rename: () => {
          throw errno('EPERM');
        },
      }),
    );
    expect(() => output.commit(BYTES)).toThrow(OutputReplaceError);
    expect(readFileSync(target, 'utf8')).toBe('old contents');
    expect(readdirSync(dir.path)).toEqual(['out.wasm']);
  });

  it('replaces a read-only file and keeps it read-only, as on POSIX', () => {
    const target = join(dir.path, 'out.wasm');
    writeFileSync(target, 'old contents');
    chmodSync(target, 0o444);
    OutputFile.create(target, windows()).commit(BYTES);
    expect(new Uint8Array(readFileSync(target))).toEqual(BYTES);
    expect(statSync(target).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir.path)).toEqual(['out.wasm']);
  });

  it('recognises Windows device names, which are written in place', () => {
    for (const name of [
      'NUL',
      'nul',
      'C:\\out\\NUL',
      'con.',
      'COM1',
      'lpt9',
      '\\\\.\\pipe\\x',
      '//./nul',
    ])
      expect(isWindowsDevice(name, 'win32'), name).toBe(true);
    for (const name of ['null', 'nul.wasm', 'C:\\NUL\\out.wasm', 'COM0', 'console'])
      expect(isWindowsDevice(name, 'win32'), name).toBe(false);
    expect(isWindowsDevice('NUL', 'linux')).toBe(false);
  });
});
