/**
 * `wasi:cli` (environment, exit, stdin, stdout, stderr, terminal-*). The guest sees only the
 * environment and arguments it was given, no initial directory and no terminals; `exit` ends the
 * initialization with an error, as `proc_exit` does for modules; stdio is the host's or null.
 */
import { ProcExit } from '../errors.js';
import type { Stdio } from '../wasi/io.js';
import { InputStream, OutputStream } from './io.js';

/** `wasi:cli/terminal-input.terminal-input` (never handed out). */
export class TerminalInput {}
/** `wasi:cli/terminal-output.terminal-output` (never handed out). */
export class TerminalOutput {}

export interface CliConfig {
  env: ReadonlyArray<readonly [string, string]>;
  args: readonly string[];
  stdio: Stdio;
  /** Guest stdout goes to host stderr. */
  stdoutToStderr: boolean;
  /** Whether stdin is the host's (otherwise it is closed). */
  inheritStdin: boolean;
}

export interface CliInterfaces {
  environment: object;
  exit: object;
  stdin: object;
  stdout: object;
  stderr: object;
  terminalInput: object;
  terminalOutput: object;
  terminalStdin: object;
  terminalStdout: object;
  terminalStderr: object;
}

export function createCli(config: CliConfig): CliInterfaces {
  const { stdio } = config;
  const output = (hostStream: 1 | 2) =>
    new OutputStream({ write: (bytes) => void stdio.write(hostStream, bytes, 0, bytes.length) });
  return {
    environment: {
      getEnvironment: (): Array<[string, string]> => config.env.map(([k, v]) => [k, v]),
      getArguments: (): string[] => [...config.args],
      initialCwd: (): string | undefined => undefined,
    },
    exit: {
      exit(status: { tag: 'ok' | 'err' }): never {
        throw new ProcExit(status.tag === 'ok' ? 0 : 1);
      },
      exitWithCode(code: number): never {
        throw new ProcExit(code);
      },
    },
    stdin: {
      InputStream,
      getStdin: () =>
        new InputStream(
          config.inheritStdin
            ? {
                read(max: number) {
                  const buffer = new Uint8Array(max);
                  const n = stdio.read(buffer, 0, max);
                  return n === 0 ? undefined : buffer.subarray(0, n);
                },
              }
            : undefined,
        ),
    },
    stdout: { OutputStream, getStdout: () => output(config.stdoutToStderr ? 2 : 1) },
    stderr: { OutputStream, getStderr: () => output(2) },
    terminalInput: { TerminalInput },
    terminalOutput: { TerminalOutput },
    terminalStdin: { TerminalInput, getTerminalStdin: (): TerminalInput | undefined => undefined },
    terminalStdout: {
      TerminalOutput,
      getTerminalStdout: (): TerminalOutput | undefined => undefined,
    },
    terminalStderr: {
      TerminalOutput,
      getTerminalStderr: (): TerminalOutput | undefined => undefined,
    },
  };
}
