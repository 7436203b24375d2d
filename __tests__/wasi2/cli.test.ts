/**
 * The WASI 0.2 host beyond the filesystem: environment and arguments (only what is inherited or
 * given), `exit` as an error, stdio per `inheritStdio` and its redirections, clocks and poll,
 * random, refusing sockets, and the import specifiers jco's glue asks for.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GuestTrap, ProcExit } from '../../src/errors.js';
import { ResultError, WASI_0_2_LATEST_PATCH } from '../../src/wasi2/index.js';
import { Fixture, errorOf, text } from './helpers.js';

const fixture = new Fixture();
afterEach(() => fixture.cleanup());

const bytes = (s: string) => new TextEncoder().encode(s);

/** Files standing for the host's stdin (with `input`), stdout and stderr. */
function stdioFiles(input = ''): {
  fds: [number, number, number];
  out: () => string;
  err: () => string;
} {
  const dir = fixture.dir();
  const paths = ['in', 'out', 'err'].map((name) => join(dir, name));
  writeFileSync(paths[0]!, input);
  const fds = paths.map((path, i) => openSync(path, i === 0 ? 'r' : 'w')) as [
    number,
    number,
    number,
  ];
  fixture.defer(() => fds.forEach((fd) => closeSync(fd)));
  return {
    fds,
    out: () => readFileSync(paths[1]!, 'utf8'),
    err: () => readFileSync(paths[2]!, 'utf8'),
  };
}

describe('environment and arguments', () => {
  it('gives no host variable unless inherited; given ones replace inherited ones', () => {
    process.env['WASI2_TEST_HOST_VAR'] = 'from host';
    try {
      const isolated = fixture.host({ env: [['GREETING', 'hi']] }).api.environment;
      expect(isolated.getEnvironment()).toEqual([['GREETING', 'hi']]);
      const inherited = fixture.host({
        inheritEnv: true,
        env: [['WASI2_TEST_HOST_VAR', 'given']],
      }).api.environment;
      const env = new Map(inherited.getEnvironment());
      expect(env.get('WASI2_TEST_HOST_VAR')).toBe('given');
      expect(env.get('PATH')).toBe(process.env['PATH']);
      expect(inherited.getEnvironment().filter(([k]) => k === 'WASI2_TEST_HOST_VAR')).toHaveLength(
        1,
      );
    } finally {
      delete process.env['WASI2_TEST_HOST_VAR'];
    }
  });

  it('passes only the given arguments and no initial directory', () => {
    expect(fixture.host().api.environment.getArguments()).toEqual([]);
    const { environment } = fixture.host({ args: ['app.wasm', '--flag'] }).api;
    expect(environment.getArguments()).toEqual(['app.wasm', '--flag']);
    expect(environment.initialCwd()).toBeUndefined();
  });
});

describe('exit', () => {
  it('throws ProcExit (a trap) with upstream status: ok 0, err 1, or the code given', () => {
    const { exit } = fixture.host().api;
    const thrown = (body: () => void): unknown => {
      try {
        body();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const ok = thrown(() => exit.exit({ tag: 'ok' }));
    expect(ok).toBeInstanceOf(ProcExit);
    expect(ok).toBeInstanceOf(GuestTrap);
    expect((ok as ProcExit).code).toBe(0);
    expect((ok as ProcExit).message).toBe('Exited with i32 exit status 0');
    expect((thrown(() => exit.exit({ tag: 'err' })) as ProcExit).code).toBe(1);
    expect((thrown(() => exit.exitWithCode(3)) as ProcExit).code).toBe(3);
    // Not a WIT result error: jco's glue rethrows it, failing the initialization.
    expect(Object.hasOwn(ok as object, 'payload')).toBe(false);
  });
});

describe('stdio', () => {
  it('with inherited stdio: reads stdin to its end, writes stdout and stderr', () => {
    const files = stdioFiles('line one\nline two\n');
    const { api } = fixture.host({ inheritStdio: true, hostStdio: files.fds });
    const stdin = api.stdin.getStdin();
    let input = '';
    for (;;) {
      try {
        input += text(stdin.blockingRead(5n));
      } catch (error) {
        expect((error as ResultError<unknown>).payload).toEqual({ tag: 'closed' });
        break;
      }
    }
    expect(input).toBe('line one\nline two\n');
    api.stdout.getStdout().blockingWriteAndFlush(bytes('to stdout\n'));
    api.stderr.getStderr().write(bytes('to stderr\n'));
    expect(files.out()).toBe('to stdout\n');
    expect(files.err()).toBe('to stderr\n');
  });

  it('without inherited stdio: stdin is closed, writes are accepted and discarded', () => {
    const files = stdioFiles('unread');
    const { api } = fixture.host({ inheritStdio: false, hostStdio: files.fds });
    expect(errorOf(() => api.stdin.getStdin().read(10n))).toEqual({ tag: 'closed' });
    const out = api.stdout.getStdout();
    expect(out.checkWrite()).toBe(1048576n);
    out.blockingWriteAndFlush(bytes('lost'));
    api.stderr.getStderr().blockingWriteAndFlush(bytes('lost too'));
    expect(files.out()).toBe('');
    expect(files.err()).toBe('');
  });

  it('sends guest stdout to stderr when asked, and escapes workflow commands', () => {
    const files = stdioFiles();
    const { api } = fixture.host({
      inheritStdio: true,
      guestStdoutToStderr: true,
      escapeWorkflowCommands: true,
      hostStdio: files.fds,
    });
    api.stdout.getStdout().blockingWriteAndFlush(bytes('::add-mask::x\nplain\n'));
    api.stderr.getStderr().blockingWriteAndFlush(bytes('##[error]y\n'));
    expect(files.out()).toBe('');
    expect(files.err()).toBe('\u200b::add-mask::x\nplain\n\u200b##[error]y\n');
  });

  it('has no terminals', () => {
    const { api } = fixture.host({ inheritStdio: true });
    expect(api.terminalStdin.getTerminalStdin()).toBeUndefined();
    expect(api.terminalStdout.getTerminalStdout()).toBeUndefined();
    expect(api.terminalStderr.getTerminalStderr()).toBeUndefined();
  });
});

describe('clocks and poll', () => {
  it('reads the wall clock as seconds and nanoseconds, the monotonic clock in nanoseconds', () => {
    const { wallClock, monotonicClock } = fixture.host().api;
    const now = wallClock.now();
    expect(typeof now.seconds).toBe('bigint');
    expect(Math.abs(Number(now.seconds) * 1000 + now.nanoseconds / 1e6 - Date.now())).toBeLessThan(
      1000,
    );
    expect(now.nanoseconds).toBeGreaterThanOrEqual(0);
    expect(now.nanoseconds).toBeLessThan(1e9);
    expect(wallClock.resolution()).toEqual({ seconds: 0n, nanoseconds: 1 });
    const a = monotonicClock.now();
    const b = monotonicClock.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(monotonicClock.resolution()).toBe(1n);
  });

  it('timer pollables become ready at their time; poll waits for the first', () => {
    const { monotonicClock, poll } = fixture.host().api;
    const start = monotonicClock.now();
    const soon = monotonicClock.subscribeDuration(30_000_000n);
    const later = monotonicClock.subscribeInstant(start + 10_000_000_000n);
    expect(soon.ready()).toBe(false);
    expect(Array.from(poll.poll([later, soon]))).toEqual([1]);
    expect(monotonicClock.now() - start).toBeGreaterThanOrEqual(30_000_000n);
    expect(later.ready()).toBe(false);
    const past = monotonicClock.subscribeInstant(0n);
    expect(past.ready()).toBe(true);
    const block = monotonicClock.subscribeDuration(5_000_000n);
    block.block();
    expect(block.ready()).toBe(true);
  });

  it('stream pollables are always ready; an empty poll list traps', () => {
    const { api } = fixture.host();
    const ready = api.stdout.getStdout().subscribe();
    expect(Array.from(api.poll.poll([ready, ready]))).toEqual([0, 1]);
    expect(() => api.poll.poll([])).toThrow(new GuestTrap('empty poll list'));
  });
});

describe('random', () => {
  it('returns the bytes asked for, fresh each time; caps a request at 64 MiB', () => {
    const { random, insecure, insecureSeed } = fixture.host().api;
    expect(random.getRandomBytes(0n)).toHaveLength(0);
    const a = random.getRandomBytes(32n);
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(random.getRandomBytes(32n));
    expect(typeof random.getRandomU64()).toBe('bigint');
    expect(insecure.getInsecureRandomBytes(7n)).toHaveLength(7);
    expect(insecure.getInsecureRandomU64()).toBeLessThan(1n << 64n);
    expect(() => random.getRandomBytes((64n << 20n) + 1n)).toThrow(/exceeds limit/);
    const seed = insecureSeed.insecureSeed();
    expect(insecureSeed.insecureSeed()).toEqual(seed);
    expect(fixture.host().api.insecureSeed.insecureSeed()).not.toEqual(seed);
  });
});

describe('sockets', () => {
  it('refuses every socket and name lookup with access-denied', () => {
    const { api } = fixture.host();
    const network = api.instanceNetwork.instanceNetwork();
    expect(errorOf(() => api.tcpCreateSocket.createTcpSocket('ipv4'))).toBe('access-denied');
    expect(errorOf(() => api.udpCreateSocket.createUdpSocket('ipv6'))).toBe('access-denied');
    expect(errorOf(() => api.ipNameLookup.resolveAddresses(network, 'example.com'))).toBe(
      'access-denied',
    );
  });
});

describe('import specifiers', () => {
  it('answers every interface unversioned and as @0.2.0 to the latest patch, with one object', () => {
    const { host } = fixture.host();
    const unversioned = Object.keys(host.imports).filter((key) => !key.includes('@'));
    expect(unversioned.sort()).toEqual(
      [
        'wasi:cli/environment',
        'wasi:cli/exit',
        'wasi:cli/stderr',
        'wasi:cli/stdin',
        'wasi:cli/stdout',
        'wasi:cli/terminal-input',
        'wasi:cli/terminal-output',
        'wasi:cli/terminal-stderr',
        'wasi:cli/terminal-stdin',
        'wasi:cli/terminal-stdout',
        'wasi:clocks/monotonic-clock',
        'wasi:clocks/wall-clock',
        'wasi:filesystem/preopens',
        'wasi:filesystem/types',
        'wasi:io/error',
        'wasi:io/poll',
        'wasi:io/streams',
        'wasi:random/insecure',
        'wasi:random/insecure-seed',
        'wasi:random/random',
        'wasi:sockets/instance-network',
        'wasi:sockets/ip-name-lookup',
        'wasi:sockets/network',
        'wasi:sockets/tcp',
        'wasi:sockets/tcp-create-socket',
        'wasi:sockets/udp',
        'wasi:sockets/udp-create-socket',
      ].sort(),
    );
    for (const key of unversioned) {
      for (let patch = 0; patch <= WASI_0_2_LATEST_PATCH; patch++) {
        expect(host.imports[`${key}@0.2.${patch}`]).toBe(host.imports[key]);
      }
    }
  });
});
