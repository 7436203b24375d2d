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
import { OutputFile, writeOutputFile } from '../../src/host/output-file.js';
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
