// Entry point of the action bundle (dist/index.js). The engine re-runs this bundle as a worker
// thread for bounded (`timeout`) runs, so the worker check comes first; a worker runs one guest
// and nothing else, so its output is guarded for its whole life. All logic is in main.ts.
import { wizen } from '../wizer/index.js';
import { isWizerWorker, runWizerWorker } from '../wizer/worker.js';
import { guardGuestOutput } from './guest-output.js';
import { run } from './main.js';

if (isWizerWorker()) {
  guardGuestOutput();
  runWizerWorker(wizen);
} else {
  await run();
}
