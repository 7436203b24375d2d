/**
 * End to end through jco's glue: a C reactor built for wasm32-wasip1, made a component with the
 * preview1 reactor adapter (so its WASI calls arrive as WASI 0.2 imports), transpiled by
 * jco-transpile in instantiation mode and instantiated with our host. Init reads a preopened file
 * and an environment variable, writes a file, prints, and fails to leave the preopen.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProcExit } from '../../src/errors.js';
import { createWasi2Host, type Wasi2Options } from '../../src/wasi2/index.js';
import { compileWasi } from '../helpers/wasi-cc.js';
import { repoRoot } from '../helpers/tools.js';
import { Fixture, defaults } from './helpers.js';

const WIT = `package local:wasi2-probe;
world probe {
  export wizer-initialize: func();
  export get: func() -> string;
  export quit: func();
}`;

interface ProbeExports {
  wizerInitialize(): void;
  get(): string;
  quit(): void;
}

type Instantiate = (
  getCoreModule: (name: string) => Promise<WebAssembly.Module>,
  imports: Record<string, object>,
) => Promise<ProbeExports>;

const fixture = new Fixture();
afterEach(() => fixture.cleanup());

let glue: { instantiate: Instantiate; files: Record<string, Uint8Array> };

beforeAll(async () => {
  const core = await compileWasi({
    sources: [join(repoRoot, 'fixtures/components/wasi2/init.c')],
    flags: ['-O1', '-mexec-model=reactor'],
  });
  const embedded = await componentEmbed({ binary: core, witSource: WIT, world: 'probe' });
  const adapter = readFileSync(preview1AdapterReactorPath());
  const component = await componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
  const { files } = await transpileBytes(component, { name: 'probe', instantiation: 'async' });
  const dir = fixture.dir('wasi2-glue-');
  // Written as .mjs: the temporary directory has no package.json saying "module".
  const entry = join(dir, 'probe.mjs');
  writeFileSync(entry, files['probe.js']!);
  const module = (await import(pathToFileURL(entry).href)) as { instantiate: Instantiate };
  glue = { instantiate: module.instantiate, files };
}, 180_000);

/** Host paths of this process's descriptors below `dir`. */
function openBelow(dir: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(`${dir}/`) ? [target] : [];
    } catch {
      return []; // the listing's own descriptor, closed by now
    }
  });
}

/** A sandbox with `data/` (preopened as /data) beside a secret. */
function sandbox(): string {
  const base = fixture.dir('wasi2-e2e-');
  mkdirSync(join(base, 'data'));
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'data/in.txt'), 'preopened contents');
  writeFileSync(join(base, 'outside/secret.txt'), 'SECRET');
  symlinkSync('../outside', join(base, 'data/link'));
  return base;
}

async function instantiate(options: Partial<Wasi2Options>): Promise<ProbeExports> {
  const host = createWasi2Host({ ...defaults, ...options });
  fixture.defer(() => host.close());
  return glue.instantiate(
    (name) => WebAssembly.compile(glue.files[name] as Uint8Array<ArrayBuffer>),
    host.imports,
  );
}

describe('a component initialized with the WASI 0.2 host through jco glue', () => {
  it('reads the preopen and the given environment, writes, prints, and stays confined', async () => {
    const base = sandbox();
    const stdout = join(base, 'stdout');
    writeFileSync(join(base, 'stdin'), '');
    const [input, out] = [openSync(join(base, 'stdin'), 'r'), openSync(stdout, 'w')];
    fixture.defer(() => [input, out].forEach((fd) => closeSync(fd)));
    const probe = await instantiate({
      preopens: [{ guest: '/data', host: join(base, 'data') }],
      env: [['GREETING', 'hello']],
      inheritStdio: true,
      hostStdio: [input, out, 2],
    });
    probe.wizerInitialize();
    const seen = probe.get();
    expect(seen).toBe(
      'file=preopened contents;env=hello;home=(none);' +
        'dotdot=Operation not permitted;link=Operation not permitted;' +
        'abs=No such file or directory;write=ok;entries=5;',
    );
    expect(seen).not.toContain('SECRET');
    expect(readFileSync(join(base, 'data/out.txt'), 'utf8')).toBe('written by init');
    expect(readFileSync(stdout, 'utf8')).toBe('hello from init\n');
    expect(readFileSync(join(base, 'outside/secret.txt'), 'utf8')).toBe('SECRET');
    // Files the guest closed were dropped through the glue: none stays open on the host.
    expect(openBelow(join(base, 'data'))).toEqual([]);
  });

  it('sees the host environment only when inherited, and no stdout without inherited stdio', async () => {
    process.env['GREETING'] = 'from the host';
    try {
      const isolated = await instantiate({ inheritStdio: false });
      isolated.wizerInitialize();
      expect(isolated.get()).toMatch(/^file=No such file or directory;env=\(none\);home=\(none\);/);
      const inherited = await instantiate({ inheritEnv: true, inheritStdio: false });
      inherited.wizerInitialize();
      expect(inherited.get()).toContain('env=from the host;');
    } finally {
      delete process.env['GREETING'];
    }
  });

  it('exit fails the call with ProcExit (the adapter passes any nonzero status as err: 1)', async () => {
    const probe = await instantiate({});
    let thrown: unknown;
    try {
      probe.quit();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProcExit);
    expect((thrown as ProcExit).message).toBe('Exited with i32 exit status 1');
  });
});
