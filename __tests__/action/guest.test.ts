/** What the guest gets: its environment, and a stdout/stderr that cannot carry workflow commands. */
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guestEnvironment, wizenOptions } from '../../src/action/guest.js';
import { endsWithBlankLine, neutraliseCommands } from '../../src/wasi/command-escape.js';
import { Stdio } from '../../src/wasi/io.js';
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
  deterministic: false,
  deterministicSeed: 0n,
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

  it('is asked of the engine by the action', () => {
    expect(wizenOptions(settings, {}).escapeWorkflowCommands).toBe(true);
  });

  it("is escaped by the WASI stdio, across writes, reporting the guest's byte counts", () => {
    const dir = tempDir('wizer-fd-');
    const path = join(dir.path, 'out');
    const fd = openSync(path, 'w');
    try {
      const guarded = new Stdio(true, [0, fd, fd], true);
      const write = (text: string, offset = 0) => {
        const bytes = Buffer.from(text);
        expect(guarded.write(1, bytes, offset, bytes.length - offset)).toBe(bytes.length - offset);
      };
      write('xx::error::bytes\n', 2);
      write('first line\n');
      write(':');
      write(':warning::split\n');
      new Stdio(true, [0, fd, fd], false).write(2, Buffer.from('::notice::ours\n'), 0, 15);
    } finally {
      closeSync(fd);
    }
    const all = readFileSync(path, 'utf8');
    dir.cleanup();
    expect(parseCommands(all).map((c) => c.command)).toEqual(['notice']);
    expect(all.replace(/\u200b/g, '')).toBe(
      '::error::bytes\nfirst line\n::warning::split\n::notice::ours\n',
    );
  });
});
