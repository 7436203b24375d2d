/**
 * Bounded runs (`timeoutMs`): the whole wizening runs in a worker thread that the main thread
 * terminates when time is up, because a guest in an infinite loop can only be stopped from outside
 * its thread. The worker is the running bundle itself (`import.meta.url`), started with
 * `workerData` that makes its entry point call `runWizerWorker` instead of its usual main.
 *
 * Starting a worker means loading the whole bundle again, so a worker that finished in time is
 * kept (unreferenced, so it never holds the process open) and serves the next bounded run.
 *
 * `node:worker_threads` is loaded only when a worker is started or may be running: every CLI start
 * asks `isWizerWorker`, and loading the module for that would cost a few milliseconds each time.
 */
import type { Worker } from 'node:worker_threads';
import { WizerError, errorChain } from '../errors.js';
import type { Logger, WizenOptions, WizenResult } from './options.js';

const WORKER_TAG = 'wizer-action/wizen-worker';

interface WorkerRequest {
  input: Uint8Array;
  options: WizenOptions;
}

type WorkerMessage =
  | { kind: 'log'; message: string; phase: string | undefined }
  | { kind: 'init-result'; wave: string }
  | { kind: 'done'; result: WizenResult }
  | { kind: 'failed'; chain: string[] };

type Wizen = (
  input: Uint8Array,
  options: Partial<WizenOptions>,
  logger: Logger,
) => Promise<WizenResult>;

const workerThreads = () => process.getBuiltinModule('node:worker_threads');

/** True inside a worker started by `wizenInWorker`; entry points check this first. */
export function isWizerWorker(): boolean {
  // The tag is also the worker's last argument: a cheap test that rules out the usual case.
  if (process.argv.at(-1) !== WORKER_TAG) return false;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG;
}

/** The worker side: runs each request through the unbounded pipeline and posts the outcome. */
export function runWizerWorker(wizen: Wizen): void {
  const port = workerThreads().parentPort!;
  const post = (message: WorkerMessage) => port.postMessage(message);
  port.on('message', async (request: WorkerRequest) => {
    try {
      const logger: Logger = {
        debug: (message, phase) => post({ kind: 'log', message, phase }),
        initResult: (wave) => post({ kind: 'init-result', wave }),
      };
      const result = await wizen(
        request.input,
        { ...request.options, timeoutMs: undefined },
        logger,
      );
      post({ kind: 'done', result });
    } catch (error) {
      post({ kind: 'failed', chain: errorChain(error) });
    }
  });
}

/** A worker that completed its last run in time, ready for the next one. */
let idleWorker: Worker | undefined;

/** The main-thread side: runs `wizen` in a worker and stops it after `options.timeoutMs`. */
export function wizenInWorker(
  input: Uint8Array,
  options: WizenOptions,
  logger: Logger,
): Promise<WizenResult> {
  const timeoutMs = options.timeoutMs!;
  const worker =
    idleWorker ??
    new (workerThreads().Worker)(new URL(import.meta.url), {
      workerData: { tag: WORKER_TAG },
      argv: [WORKER_TAG],
    });
  idleWorker = undefined;
  worker.ref();
  return new Promise((resolve, reject) => {
    const settle = (reuse: boolean) => {
      clearTimeout(timer);
      worker.removeAllListeners();
      if (reuse && idleWorker === undefined) {
        worker.unref();
        worker.on('error', () => {}); // an idle worker has nothing left to report
        idleWorker = worker;
      } else {
        void worker.terminate();
      }
    };
    const timer = setTimeout(() => {
      settle(false);
      reject(
        new WizerError(
          `initialization did not finish within the ${timeoutMs / 1000} s timeout and was stopped`,
        ),
      );
    }, timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'log') return logger.debug(message.message, message.phase);
      if (message.kind === 'init-result') return logger.initResult?.(message.wave);
      settle(true);
      if (message.kind === 'done') resolve(message.result);
      else reject(rebuildChain(message.chain));
    });
    worker.on('error', (error) => {
      settle(false);
      reject(new WizerError('the initialization worker failed', { cause: error }));
    });
    worker.on('exit', (code) => {
      settle(false);
      reject(new WizerError(`the initialization worker exited with code ${code}`));
    });
    worker.postMessage({ input, options } satisfies WorkerRequest);
  });
}

function rebuildChain(chain: string[]): WizerError {
  let error: WizerError | string | undefined;
  for (const message of [...chain].reverse()) {
    error = error === undefined ? message : new WizerError(message, { cause: error });
  }
  return error instanceof WizerError ? error : new WizerError(error ?? 'unknown failure');
}
