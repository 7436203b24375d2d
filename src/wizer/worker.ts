/**
 * Bounded runs (`timeoutMs`): the whole wizening runs in a worker thread that the main thread
 * terminates when time is up, because a guest in an infinite loop can only be stopped from outside
 * its thread. The worker is the running bundle itself (`import.meta.url`), started with
 * `workerData` that makes its entry point call `runWizerWorker` instead of its usual main.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { WizerError, errorChain } from '../errors.js';
import type { Logger, WizenOptions, WizenResult } from './options.js';

const WORKER_TAG = 'wizer-action/wizen-worker';

interface WorkerRequest {
  tag: typeof WORKER_TAG;
  input: Uint8Array;
  options: WizenOptions;
}

type WorkerMessage =
  | { kind: 'log'; message: string; phase: string | undefined }
  | { kind: 'done'; result: WizenResult }
  | { kind: 'failed'; chain: string[] };

/** True inside a worker started by `wizenInWorker`; entry points check this first. */
export function isWizerWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerRequest> | null)?.tag === WORKER_TAG;
}

/** The worker side: runs the unbounded pipeline and posts the result or the error chain. */
export async function runWizerWorker(
  wizen: (
    input: Uint8Array,
    options: Partial<WizenOptions>,
    logger: Logger,
  ) => Promise<WizenResult>,
): Promise<void> {
  const request = workerData as WorkerRequest;
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  try {
    const logger: Logger = { debug: (message, phase) => post({ kind: 'log', message, phase }) };
    const result = await wizen(request.input, { ...request.options, timeoutMs: undefined }, logger);
    post({ kind: 'done', result });
  } catch (error) {
    post({ kind: 'failed', chain: errorChain(error) });
  }
}

/** The main-thread side: runs `wizen` in a worker and stops it after `options.timeoutMs`. */
export function wizenInWorker(
  input: Uint8Array,
  options: WizenOptions,
  logger: Logger,
): Promise<WizenResult> {
  const timeoutMs = options.timeoutMs!;
  const request: WorkerRequest = { tag: WORKER_TAG, input, options };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: request });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new WizerError(
          `initialization did not finish within the ${timeoutMs / 1000} s timeout and was stopped`,
        ),
      );
    }, timeoutMs);
    const finish = () => clearTimeout(timer);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'log') logger.debug(message.message, message.phase);
      else if (message.kind === 'done') {
        finish();
        resolve(message.result);
      } else {
        finish();
        reject(rebuildChain(message.chain));
      }
    });
    worker.on('error', (error) => {
      finish();
      reject(new WizerError('the initialization worker failed', { cause: error }));
    });
    worker.on('exit', (code) => {
      finish();
      reject(new WizerError(`the initialization worker exited with code ${code}`));
    });
  });
}

function rebuildChain(chain: string[]): WizerError {
  let error: WizerError | string | undefined;
  for (const message of [...chain].reverse()) {
    error = error === undefined ? message : new WizerError(message, { cause: error });
  }
  return error instanceof WizerError ? error : new WizerError(error ?? 'unknown failure');
}
