// `npm run bench`: upstream Wizer 11 and our CLI on the same real-world modules, in one run.
// For each module both tools run alternately (--runs N, default 3); the table reports median
// wall time, peak RSS of the process and output size, and each tool's first output is checked
// for behaviour. Usage: node bench/run.mjs [--runs N] [--only hello,acorn,sqlite,wasi,twin,...]
// With --optimize, only the optimization table instead (issue 12; --runs defaults to 1 there).
import { existsSync, readFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { measure, rssMethod } from './lib/measure.mjs';
import { ourCliPath, upstreamWizerPath, workDir } from './lib/paths.mjs';
import { optimizeSettings, runOptimizeBench } from './lib/optimize.mjs';
import { formatOptimizeReport, formatReport } from './lib/report.mjs';
import { prepareSqlite } from './lib/sqlite.mjs';
import { prepareStarlingMonkey } from './lib/starlingmonkey.mjs';
import { prepareTwinComponent, prepareTwinModule } from './lib/twin.mjs';
import { prepareWasiCalls } from './lib/wasi-calls.mjs';
import { shebangNodeFlags } from '../scripts/shebang.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    only: { type: 'string' },
    optimize: { type: 'boolean', default: false },
  },
});
values.runs ??= values.optimize ? '1' : '3';
const runs = Number.parseInt(values.runs, 10);
if (!(runs >= 1)) throw new Error(`--runs must be a positive integer, got ${values.runs}`);

const modules = [
  { id: 'hello', prepare: () => prepareStarlingMonkey('hello') },
  { id: 'acorn', prepare: () => prepareStarlingMonkey('acorn') },
  { id: 'sqlite', prepare: prepareSqlite },
  { id: 'wasi', prepare: prepareWasiCalls },
  { id: 'twin', prepare: prepareTwinModule },
  { id: 'twin-component', prepare: prepareTwinComponent },
];
const selected = values.only ? values.only.split(',') : modules.map((m) => m.id);

/** Our CLI as users run it (directly): with the Node flags of its `#!` line, on this Node. */
function ourCommand(...flags) {
  if (!existsSync(ourCliPath)) throw new Error('dist/cli.js is missing: run `npm run build`');
  // WIZER_BENCH_NODE_FLAGS adds Node/V8 flags to try (issue 14), e.g. "--always-sparkplug".
  const extra = (process.env.WIZER_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return [process.execPath, [...shebangNodeFlags(ourCliPath), ...extra, ourCliPath, ...flags]];
}

const tools = [
  { id: 'upstream', command: () => [upstreamWizerPath(), []] },
  // Ours logs its time per phase with RUST_LOG debug output (a line the report reads).
  { id: 'ours', command: () => ourCommand(), phaseLog: true },
  // Reproducible output (issue 11): every run must give the same bytes.
  { id: 'deterministic', command: () => ourCommand('--deterministic'), phaseLog: true },
];

const outDir = join(workDir, 'out');
mkdirSync(outDir, { recursive: true });
const started = performance.now();
if (values.optimize) {
  const optimizeRows = await runOptimizeBench({
    modules: modules.filter((m) => selected.includes(m.id)),
    runs,
    ourCommand,
    outDir: join(workDir, 'out-optimize'),
    messageOf,
    lastLines,
  });
  const report = formatOptimizeReport(optimizeRows, {
    runs,
    rssMethod,
    seconds: (performance.now() - started) / 1000,
    settings: optimizeSettings,
  });
  writeFileSync(join(workDir, 'results-optimize.md'), report);
  writeFileSync(
    join(workDir, 'results-optimize.json'),
    `${JSON.stringify(optimizeRows, null, 2)}\n`,
  );
  console.log(report);
  rmSync(join(workDir, 'transpiled'), { recursive: true, force: true });
  process.exit(0);
}
const rows = [];
for (const { id, prepare } of modules.filter((m) => selected.includes(m.id))) {
  console.error(`[bench] preparing ${id}`);
  let module;
  try {
    module = await prepare();
  } catch (error) {
    rows.push({ id, name: id, error: `preparation failed: ${messageOf(error)}` });
    continue;
  }
  const row = {
    id,
    name: module.name,
    extra: module.extra,
    inputBytes: statSync(module.inputPath).size,
    tools: {},
  };
  for (const tool of tools) {
    row.tools[tool.id] = {
      times: [],
      rss: [],
      cpuSeconds: [],
      outputSizes: [],
      outputHashes: [],
      phases: [],
    };
    // An input the tool cannot take at all (upstream Wizer 11 and components): not run.
    const unsupported = module.unsupported?.[tool.id === 'deterministic' ? 'ours' : tool.id];
    if (unsupported) row.tools[tool.id].unsupported = unsupported;
  }
  for (let run = 0; run < runs; run++) {
    // Rotate which tool goes first, so none always runs on a warmer machine.
    const order = tools.map((_, i) => tools[(i + run) % tools.length]);
    for (const tool of order) {
      const result = row.tools[tool.id];
      if (result.error || result.unsupported) continue;
      const outPath = join(outDir, `${id}.${tool.id}.wasm`);
      const firstRun = result.times.length === 0;
      try {
        const [command, prefix] = tool.command();
        const { args, env, input } = module.wizerInvocation(outPath);
        const baseEnv = env ?? process.env;
        const measured = await measure(command, [...prefix, ...args], {
          env: tool.phaseLog ? { ...baseEnv, RUST_LOG: 'wasmtime_wizer=debug' } : baseEnv,
          input,
        });
        if (measured.code !== 0) {
          throw new Error(
            `exit ${measured.code ?? measured.signal}: ${lastLines(measured.stderr)}`,
          );
        }
        result.times.push(measured.wallMs);
        if (measured.peakRssKb !== undefined) result.rss.push(measured.peakRssKb);
        if (measured.cpuSeconds !== undefined) result.cpuSeconds.push(measured.cpuSeconds);
        const phases = tool.phaseLog ? phaseTimes(measured.stderr) : undefined;
        if (phases) result.phases.push(phases);
        result.outputSizes.push(statSync(outPath).size);
        result.outputHashes.push(createHash('sha256').update(readFileSync(outPath)).digest('hex'));
        console.error(
          `[bench] ${id} ${tool.id} run ${run + 1}: ${(measured.wallMs / 1000).toFixed(2)} s, ` +
            `${Math.round((measured.peakRssKb ?? 0) / 1024)} MB`,
        );
        if (firstRun) result.check = await module.validate(outPath);
      } catch (error) {
        result.error = messageOf(error);
        console.error(`[bench] ${id} ${tool.id}: ${result.error}`);
      }
    }
  }
  rows.push(row);
}

const report = formatReport(rows, {
  runs,
  rssMethod,
  seconds: (performance.now() - started) / 1000,
});
writeFileSync(join(workDir, 'results.md'), report);
writeFileSync(join(workDir, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);
console.log(report);
// Components transpiled for the behaviour checks are large and no longer needed.
rmSync(join(workDir, 'transpiled'), { recursive: true, force: true });
// Preview2-shim keeps I/O workers alive after the components ran; the report is complete.
process.exit(0);

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** The first and last lines of stderr: the error and, after any backtrace, its cause. */
function lastLines(text) {
  const lines = text.trim().split('\n');
  return lines.length > 1 ? `${lines[0]} … ${lines.at(-1)}` : lines[0];
}

/** Our CLI's `Phase times (ms): start 1.0, read 2.0, ...` debug line, as an object. */
function phaseTimes(stderr) {
  const line = /Phase times \(ms\): (.*)$/m.exec(stderr)?.[1];
  if (!line) return undefined;
  return Object.fromEntries(
    line.split(', ').map((entry) => {
      const [name, ms] = entry.split(' ');
      return [name, Number(ms)];
    }),
  );
}
