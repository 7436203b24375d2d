/**
 * Shared set-up for the WASI 0.2 host tests: typed views of the import objects, a sandbox tree
 * with a secret outside it and links of every kind, and a record of the outside for before/after
 * comparisons.
 */
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import {
  createWasi2Host,
  ResultError,
  type Wasi2Host,
  type Wasi2Options,
} from '../../src/wasi2/index.js';
import type { Descriptor } from '../../src/wasi2/filesystem.js';
import type { InputStream, OutputStream, Pollable } from '../../src/wasi2/io.js';
import type { Datetime } from '../../src/wasi2/clocks.js';
import { tempDir } from '../helpers/tools.js';

export const defaults: Wasi2Options = {
  inheritEnv: false,
  env: [],
  inheritStdio: false,
  guestStdoutToStderr: false,
  escapeWorkflowCommands: false,
  preopens: [],
};

/** The interfaces the tests call, typed as jco's glue sees them. */
export interface Api {
  preopens: { getDirectories(): Array<[Descriptor, string]> };
  types: { filesystemErrorCode(error: unknown): string | undefined };
  environment: {
    getEnvironment(): Array<[string, string]>;
    getArguments(): string[];
    initialCwd(): string | undefined;
  };
  exit: { exit(status: { tag: 'ok' | 'err' }): void; exitWithCode(code: number): void };
  stdin: { getStdin(): InputStream };
  stdout: { getStdout(): OutputStream };
  stderr: { getStderr(): OutputStream };
  terminalStdin: { getTerminalStdin(): unknown };
  terminalStdout: { getTerminalStdout(): unknown };
  terminalStderr: { getTerminalStderr(): unknown };
  wallClock: { now(): Datetime; resolution(): Datetime };
  monotonicClock: {
    now(): bigint;
    resolution(): bigint;
    subscribeInstant(when: bigint): Pollable;
    subscribeDuration(duration: bigint): Pollable;
  };
  poll: { poll(pollables: Pollable[]): Uint32Array };
  random: { getRandomBytes(len: bigint): Uint8Array; getRandomU64(): bigint };
  insecure: { getInsecureRandomBytes(len: bigint): Uint8Array; getInsecureRandomU64(): bigint };
  insecureSeed: { insecureSeed(): [bigint, bigint] };
  tcpCreateSocket: { createTcpSocket(family: string): unknown };
  udpCreateSocket: { createUdpSocket(family: string): unknown };
  ipNameLookup: { resolveAddresses(network: unknown, name: string): unknown };
  instanceNetwork: { instanceNetwork(): unknown };
}

export function api(host: Wasi2Host): Api {
  const get = <T>(name: string): T => host.imports[name] as T;
  return {
    preopens: get('wasi:filesystem/preopens'),
    types: get('wasi:filesystem/types'),
    environment: get('wasi:cli/environment'),
    exit: get('wasi:cli/exit'),
    stdin: get('wasi:cli/stdin'),
    stdout: get('wasi:cli/stdout'),
    stderr: get('wasi:cli/stderr'),
    terminalStdin: get('wasi:cli/terminal-stdin'),
    terminalStdout: get('wasi:cli/terminal-stdout'),
    terminalStderr: get('wasi:cli/terminal-stderr'),
    wallClock: get('wasi:clocks/wall-clock'),
    monotonicClock: get('wasi:clocks/monotonic-clock'),
    poll: get('wasi:io/poll'),
    random: get('wasi:random/random'),
    insecure: get('wasi:random/insecure'),
    insecureSeed: get('wasi:random/insecure-seed'),
    tcpCreateSocket: get('wasi:sockets/tcp-create-socket'),
    udpCreateSocket: get('wasi:sockets/udp-create-socket'),
    ipNameLookup: get('wasi:sockets/ip-name-lookup'),
    instanceNetwork: get('wasi:sockets/instance-network'),
  };
}

/** Hosts and directories made by a test, released after it. */
export class Fixture {
  private readonly cleanups: Array<() => void> = [];

  dir(prefix = 'wasi2-'): string {
    const dir = tempDir(prefix);
    this.cleanups.push(dir.cleanup);
    return dir.path;
  }

  host(options: Partial<Wasi2Options> = {}): { host: Wasi2Host; api: Api } {
    const host = createWasi2Host({ ...defaults, ...options });
    this.cleanups.push(() => host.close());
    return { host, api: api(host) };
  }

  /** A host preopening `hostDir` as `/sb`, and its preopen descriptor. */
  sandbox(
    hostDir: string,
    options: Partial<Wasi2Options> = {},
  ): {
    host: Wasi2Host;
    api: Api;
    root: Descriptor;
  } {
    const made = this.host({ ...options, preopens: [{ guest: '/sb', host: hostDir }] });
    const [[root]] = made.api.preopens.getDirectories() as [[Descriptor, string]];
    return { ...made, root };
  }

  /** Runs `cleanup` after the test. */
  defer(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  cleanup(): void {
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
  }
}

/** A tree entry: file contents, a link target, or a directory. */
export type Entry = string | { link: string } | null;

/** Builds `SANDBOX_TREE` under `root`, plus an absolute link to the secret; returns `root`. */
export function makeSandbox(root: string): string {
  makeTree(root, SANDBOX_TREE);
  symlinkSync(join(root, 'outside', 'secret.txt'), join(root, 'sandbox', 'abssecret'));
  return root;
}

export function makeTree(root: string, tree: Record<string, Entry>): void {
  for (const [path, entry] of Object.entries(tree)) {
    const full = join(root, path);
    mkdirSync(entry === null ? full : dirname(full), { recursive: true });
    if (typeof entry === 'string') writeFileSync(full, entry);
    else if (entry !== null) symlinkSync(entry.link, full);
  }
}

/** A sandbox beside a secret, with links of every kind (as the preview1 escape tests use). */
export const SANDBOX_TREE: Record<string, Entry> = {
  'outside/secret.txt': 'SECRET',
  'outside/dir/deep.txt': 'SECRET deep',
  'sandbox/file.txt': 'hello world',
  'sandbox/sub/inner.txt': 'inner',
  'sandbox/sub/up': { link: '../file.txt' },
  'sandbox/sub/dotdot': { link: '..' },
  'sandbox/link': { link: '../outside' },
  'sandbox/secretlink': { link: '../outside/secret.txt' },
  'sandbox/abs': { link: '/etc' },
  'sandbox/sublink': { link: 'sub' },
  'sandbox/emptydir': null,
  'sandbox/l1': { link: 'l2' },
  'sandbox/l2': { link: 'l1' },
  'sandbox/esc2': { link: 'sub/../../outside/secret.txt' },
  'sandbox/chain': { link: 'sub/dotdot/link' },
};

/**
 * Every entry below `root` with its kind, contents or target, size and modification time: equal
 * snapshots mean nothing was created, removed, renamed, written or touched.
 */
export function snapshot(root: string): string[] {
  const lines: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = lstatSync(full, { bigint: true });
      const at = `${prefix}${name} mtime=${stat.mtimeNs} mode=${stat.mode.toString(8)}`;
      if (stat.isSymbolicLink()) lines.push(`${at} -> ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        lines.push(`${at}/`);
        walk(full, `${prefix}${name}/`);
      } else lines.push(`${at} = ${readFileSync(full, 'utf8')} nlink=${stat.nlink}`);
    }
  };
  walk(root, '');
  return lines;
}

/** Runs `body` and returns the `payload` it threw as a WIT result's `err` case. */
export function errorOf(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    if (error instanceof ResultError) return error.payload;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Asserts that `body` fails with the filesystem error code `code`. */
export function expectCode(body: () => unknown, code: string): void {
  expect(errorOf(body)).toBe(code);
}

export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
