/** What the guest gets: its environment, and a stdout/stderr that cannot carry workflow commands. */
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { guestEnvironment, wizenOptions } from '../../src/action/guest.js';
import {
  endsWithBlankLine,
  guardDescriptors,
  guardStreams,
  neutraliseCommands,
} from '../../src/action/guest-output.js';
import { tempDir } from '../helpers/tools.js';
import type { WizenSettings } from '../../src/action/inputs.js';
import { parseCommands } from './harness.js';

const settings: WizenSettings = {
  initFunc: 'wizer-initialize',
  renames: [],
  keepInitFunc: false,
  allowWasi: true,
  inheritStdio: true,
  inheritEnv: false,
  env: [],
  preopens: [],
  preloads: [],
};

describe('guest environment', () => {
  const host = {
    PATH: '/bin',
    HOME: '/home/runner',
    ACTIONS_RUNTIME_TOKEN: 'secret',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret',
    ACTIONS_RESULTS_URL: 'https://results',
    INPUT_FILES: '*.wasm',
    GITHUB_SHA: 'abc',
  };

  it('is only the env input without inherit-env', () => {
    expect(guestEnvironment({ ...settings, env: [['A', '1']] }, host)).toEqual([['A', '1']]);
  });

  it('inherits what a run step sees, sorted, without runner tokens or inputs', () => {
    expect(guestEnvironment({ ...settings, inheritEnv: true }, host)).toEqual([
      ['GITHUB_SHA', 'abc'],
      ['HOME', '/home/runner'],
      ['PATH', '/bin'],
    ]);
  });

  it('lets the env input override inherited variables instead of duplicating them', () => {
    const env = guestEnvironment(
      { ...settings, inheritEnv: true, env: [['HOME', '/guest']] },
      host,
    );
    expect(env.filter(([k]) => k === 'HOME')).toEqual([['HOME', '/guest']]);
  });

  it('is resolved in the library options, which no longer inherit by themselves', () => {
    const options = wizenOptions({ ...settings, inheritEnv: true, timeoutMs: 5000 }, host);
    expect(options.inheritEnv).toBe(false);
    expect(options.env).toContainEqual(['PATH', '/bin']);
    expect(options.timeoutMs).toBe(5000);
  });
});

describe('guest output', () => {
  it('escapes lines that would parse as commands, and nothing else', () => {
    const text = 'hello\n::error::x\n  ::add-mask::y\n##[warning]z\nok :: fine\n';
    const escaped = neutraliseCommands(text, true);
    expect(parseCommands(text).map((c) => c.command)).toEqual(['error']);
    expect(parseCommands(escaped)).toEqual([]);
    // Indented and legacy forms are escaped too, in case the runner trims or still parses them.
    expect(escaped).toContain('  \u200b::add-mask::y');
    expect(escaped).toContain('\u200b##[warning]z');
    expect(escaped.replace(/\u200b/g, '')).toBe(text);
    expect(neutraliseCommands('plain text', true)).toBe('plain text');
  });

  it('continues lines across writes', () => {
    expect(neutraliseCommands('::x', false)).toBe('::x');
    expect(endsWithBlankLine('abc\n  ', false)).toBe(true);
    expect(endsWithBlankLine('abc', true)).toBe(false);
    expect(endsWithBlankLine('  ', true)).toBe(true);
    expect(endsWithBlankLine('  ', false)).toBe(false);
  });

  it('guards a stream until released, even when a command is split across writes', () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const release = guardStreams([stream]);
    stream.write('first line\n');
    stream.write(':');
    stream.write(':error::split\n');
    stream.write(Buffer.from('::warning::bytes\n'));
    release();
    stream.write('::notice::ours\n');
    const all = chunks.join('');
    expect(parseCommands(all).map((c) => c.command)).toEqual(['notice']);
    expect(all.replace(/\u200b/g, '')).toBe(
      'first line\n::error::split\n::warning::bytes\n::notice::ours\n',
    );
  });

  it("guards fs.writeSync on the given descriptors, claiming the caller's byte counts", () => {
    const dir = tempDir('wizer-fd-');
    const path = join(dir.path, 'out');
    const fd = openSync(path, 'w');
    try {
      const release = guardDescriptors([fd]);
      const bytes = Buffer.from('xx::error::bytes\n');
      expect(writeSync(fd, bytes, 2, bytes.length - 2)).toBe(bytes.length - 2);
      expect(writeSync(fd, '::warning::text\n')).toBe(16);
      expect(writeSync(fd, new Uint8Array(Buffer.from('ok\n')))).toBe(3);
      release();
      writeSync(fd, '::notice::ours\n');
    } finally {
      closeSync(fd);
    }
    const all = readFileSync(path, 'utf8');
    dir.cleanup();
    expect(parseCommands(all).map((c) => c.command)).toEqual(['notice']);
    expect(all.replace(/\u200b/g, '')).toBe(
      '::error::bytes\n::warning::text\nok\n::notice::ours\n',
    );
  });
});
