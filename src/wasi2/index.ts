/**
 * A WASI 0.2 host for initializing components, in the shape jco's transpiled glue expects for its
 * imports (one object per interface, resources as classes, `result` errors thrown with a
 * `payload`, 64-bit values as bigints), and confined like the preview1 layer in src/wasi: the same
 * path lookup guards the preopens, the environment holds only what is inherited or given, `exit`
 * fails the initialization, stdio is the host's or null, and sockets refuse.
 *
 * ```ts
 * const host = createWasi2Host({ ...options, args: ['app.wasm'] });
 * try {
 *   const component = await instantiate(getCoreModule, host.imports, instantiateCore);
 *   component.wizerInitialize();
 * } finally {
 *   host.close();
 * }
 * ```
 *
 * The glue of jco-transpile 0.15 looks interfaces up by unversioned specifier
 * (`imports['wasi:cli/environment']`); the versioned keys serve glue that keeps versions.
 *
 * A limit comes from jco's glue, not from this host: the strings the guest passes are decoded
 * with replacement characters, so a path that is not UTF-8 names U+FFFD where upstream's
 * canonical ABI traps. (Its other one, empty strings lowered without the guest's `realloc`, is
 * patched out of the glue: see src/component/glue.ts.)
 */
import { resolve } from 'node:path';
import { WizerError, osError } from '../errors.js';
import { guestEnvironment } from '../wasi/environment.js';
import { Stdio } from '../wasi/io.js';
import { MoveLog } from '../wasi/locations.js';
import { openDirectory } from '../wasi/platform.js';
import type { WizenOptions } from '../wizer/options.js';
import { createCli } from './cli.js';
import { createClocks } from './clocks.js';
import { Descriptor, DirectoryEntryStream, filesystemErrorCode } from './filesystem.js';
import { HandleRegistry, type HostHandle } from './handles.js';
import { IoError } from './errors.js';
import { InputStream, OutputStream, Pollable, poll } from './io.js';
import { createRandom } from './random.js';
import { guestSources, type SourceOptions } from '../sources/index.js';
import { createSockets } from './sockets.js';

export { IoError, ResultError, type ErrorCode, type StreamError } from './errors.js';
export { Descriptor, DirectoryEntryStream } from './filesystem.js';
export { InputStream, OutputStream, Pollable } from './io.js';

/** The host's configuration: the WASI options of a wizening, plus the guest's arguments. */
export type Wasi2Options = Pick<
  WizenOptions,
  | 'inheritEnv'
  | 'env'
  | 'inheritStdio'
  | 'guestStdoutToStderr'
  | 'escapeWorkflowCommands'
  | 'preopens'
> & {
  /** `get-arguments` (upstream passes the input's file name); none by default. */
  args?: readonly string[];
  /** Host descriptors standing for stdin, stdout and stderr (tests substitute files). */
  hostStdio?: readonly [number, number, number];
} & SourceOptions;

export interface Wasi2Host {
  /** Import objects keyed by interface specifier, unversioned and `@0.2.0` to `@0.2.LATEST`. */
  readonly imports: Readonly<Record<string, object>>;
  /** Closes every host descriptor (preopens, files and directories the guest still holds). */
  close(): void;
}

/** Patch releases of WASI 0.2 whose versioned specifiers are also provided. */
export const WASI_0_2_LATEST_PATCH = 12;

/** Opens the preopens now; a missing host directory fails like the preview1 layer's. */
function openPreopens(
  options: Wasi2Options,
  handles: HandleRegistry,
): Array<{ guest: string; root: string; handle: HostHandle }> {
  const opened: Array<{ guest: string; root: string; handle: HostHandle }> = [];
  for (const { guest, host } of options.preopens) {
    const root = resolve(host);
    try {
      const fd = openDirectory(root);
      opened.push({ guest, root, handle: handles.adopt(fd) });
    } catch (error) {
      handles.closeAll();
      throw new WizerError(osError(error), {
        cause: `while opening \`${host}\`, preopened as \`${guest}\``,
      });
    }
  }
  return opened;
}

/** Creates a host; its preopens are opened now and stay open until `close()`. */
export function createWasi2Host(options: Wasi2Options): Wasi2Host {
  const handles = new HandleRegistry();
  const preopens = openPreopens(options, handles);
  const sources = guestSources(options);
  const fsHost = { handles, files: sources.files, moves: new MoveLog() };
  const stdio = new Stdio(
    options.inheritStdio,
    options.hostStdio ?? [0, 1, 2],
    options.escapeWorkflowCommands,
  );
  const cli = createCli({
    env: guestEnvironment(options),
    args: options.args ?? [],
    stdio,
    stdoutToStderr: options.guestStdoutToStderr,
    inheritStdin: options.inheritStdio,
  });
  const clocks = createClocks(sources.clock);
  const random = createRandom(sources.random);
  const sockets = createSockets();
  const interfaces: Record<string, object> = {
    'wasi:cli/environment': cli.environment,
    'wasi:cli/exit': cli.exit,
    'wasi:cli/stdin': cli.stdin,
    'wasi:cli/stdout': cli.stdout,
    'wasi:cli/stderr': cli.stderr,
    'wasi:cli/terminal-input': cli.terminalInput,
    'wasi:cli/terminal-output': cli.terminalOutput,
    'wasi:cli/terminal-stdin': cli.terminalStdin,
    'wasi:cli/terminal-stdout': cli.terminalStdout,
    'wasi:cli/terminal-stderr': cli.terminalStderr,
    'wasi:clocks/monotonic-clock': clocks.monotonicClock,
    'wasi:clocks/wall-clock': clocks.wallClock,
    'wasi:filesystem/types': { Descriptor, DirectoryEntryStream, filesystemErrorCode },
    'wasi:filesystem/preopens': {
      // Fresh resources per call (as upstream pushes new ones), sharing the preopen's descriptor.
      getDirectories: (): Array<[Descriptor, string]> =>
        preopens.map(({ guest, root, handle }) => [
          Descriptor.preopen(handle, root, fsHost),
          guest,
        ]),
    },
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll },
    'wasi:io/streams': { InputStream, OutputStream },
    'wasi:random/random': random.random,
    'wasi:random/insecure': random.insecure,
    'wasi:random/insecure-seed': random.insecureSeed,
    'wasi:sockets/network': sockets.network,
    'wasi:sockets/instance-network': sockets.instanceNetwork,
    'wasi:sockets/tcp': sockets.tcp,
    'wasi:sockets/tcp-create-socket': sockets.tcpCreateSocket,
    'wasi:sockets/udp': sockets.udp,
    'wasi:sockets/udp-create-socket': sockets.udpCreateSocket,
    'wasi:sockets/ip-name-lookup': sockets.ipNameLookup,
  };
  const imports: Record<string, object> = {};
  for (const [specifier, implementation] of Object.entries(interfaces)) {
    imports[specifier] = implementation;
    for (let patch = 0; patch <= WASI_0_2_LATEST_PATCH; patch++) {
      imports[`${specifier}@0.2.${patch}`] = implementation;
    }
  }
  return {
    imports,
    close: () => handles.closeAll(),
  };
}
