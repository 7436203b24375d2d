// `node bench/run.mjs --optimize`: the cost of `--optimize` (issue 12). For each module and each
// setting, our CLI wizens and optimizes in one process, beside upstream Wizer followed by
// binaryen's own `wasm-opt` (npm `binaryen`, the same binaryen version as ours) on upstream's
// output. Our optimization time is read from the CLI's `RUST_LOG=debug` line
// `Optimized in N ms: A -> B bytes`; wizer and wasm-opt are timed as separate processes.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from './measure.mjs';
import { packageDir, upstreamWizerPath } from './paths.mjs';

export const optimizeSettings = [
  {
    id: 'cheap',
    args: '--remove-unused-module-elements --memory-packing --duplicate-function-elimination',
  },
  { id: '-O', args: '-O' },
];

/** binaryen's `wasm-opt` (the npm package's JS build), run with the bench's Node. */
const wasmOptPath = () => join(packageDir('binaryen'), 'bin', 'wasm-opt');

/**
 * Features for wasm-opt: none first (it reads `target_features`, else assumes its defaults); when
 * it rejects the input, everything except compact imports, which is what our CLI assumes for a
 * module without `target_features` (V8 rejects a compact import section).
 */
const featureChoices = [[], ['--all-features', '--disable-compact-imports']];

/**
 * @param {{ modules: { id: string, prepare: () => Promise<any> }[], runs: number,
 *   ourCommand: (...flags: string[]) => [string, string[]], outDir: string,
 *   messageOf: (error: unknown) => string, lastLines: (text: string) => string }} options
 */
export async function runOptimizeBench({
  modules,
  runs,
  ourCommand,
  outDir,
  messageOf,
  lastLines,
}) {
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  for (const { id, prepare } of modules) {
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
      upstream: { times: [], rss: [], sizes: [] },
      settings: Object.fromEntries(
        optimizeSettings.map((s) => [
          s.id,
          {
            args: s.args,
            ours: { times: [], rss: [], sizes: [], optimizeMs: [], before: [] },
            wasmOpt: { times: [], rss: [], sizes: [] },
          },
        ]),
      ),
    };
    const upstreamUnsupported = module.unsupported?.upstream;
    if (upstreamUnsupported) row.upstream.unsupported = upstreamUnsupported;
    let features; // wasm-opt feature flags that worked on this module's upstream output
    for (let run = 0; run < runs; run++) {
      // Upstream Wizer once per run; wasm-opt then runs on its output for every setting.
      const upstreamOut = join(outDir, `${id}.upstream.wasm`);
      if (!row.upstream.error && !row.upstream.unsupported) {
        try {
          const { args, env, input } = module.wizerInvocation(upstreamOut);
          const m = await measure(upstreamWizerPath(), args, { env: env ?? process.env, input });
          if (m.code !== 0) throw new Error(`exit ${m.code ?? m.signal}: ${lastLines(m.stderr)}`);
          record(row.upstream, m, statSync(upstreamOut).size);
          log(id, 'upstream wizer', run, m);
        } catch (error) {
          row.upstream.error = messageOf(error);
          console.error(`[bench] ${id} upstream: ${row.upstream.error}`);
        }
      }
      for (const setting of optimizeSettings) {
        const cell = row.settings[setting.id];
        // Ours: wizen and optimize in one process.
        if (!cell.ours.error) {
          const outPath = join(outDir, `${id}.ours.${setting.id === '-O' ? 'O' : setting.id}.wasm`);
          try {
            const [command, prefix] = ourCommand('--optimize', setting.args);
            const { args, env, input } = module.wizerInvocation(outPath);
            const m = await measure(command, [...prefix, ...args], {
              env: { ...(env ?? process.env), RUST_LOG: 'debug' },
              input,
            });
            if (m.code !== 0) throw new Error(`exit ${m.code ?? m.signal}: ${lastLines(m.stderr)}`);
            record(cell.ours, m, statSync(outPath).size);
            // A component has one line per core module: add them up.
            let ms = 0;
            let before = 0;
            let found = false;
            for (const match of m.stderr.matchAll(/Optimized in (\d+) ms: (\d+) -> (\d+) bytes/g)) {
              ms += Number(match[1]);
              before += Number(match[2]);
              found = true;
            }
            if (found) {
              cell.ours.optimizeMs.push(ms);
              cell.ours.before.push(before);
            }
            log(id, `ours ${setting.id}`, run, m, found ? `, optimize ${ms} ms` : '');
            if (run === 0) {
              try {
                cell.ours.check = await module.validate(outPath);
              } catch (error) {
                cell.ours.check = `FAILED: ${messageOf(error)}`;
              }
            }
          } catch (error) {
            cell.ours.error = messageOf(error);
            console.error(`[bench] ${id} ours ${setting.id}: ${cell.ours.error}`);
          }
        }
        // Upstream Wizer's output through wasm-opt.
        if (row.upstream.unsupported) {
          cell.wasmOpt.unsupported = row.upstream.unsupported;
        } else if (row.upstream.error) {
          cell.wasmOpt.error = 'no upstream output';
        } else if (!cell.wasmOpt.error) {
          const outPath = join(
            outDir,
            `${id}.wasm-opt.${setting.id === '-O' ? 'O' : setting.id}.wasm`,
          );
          const words = setting.args.split(/\s+/);
          let failure;
          for (const flags of features ? [features] : featureChoices) {
            const m = await measure(process.execPath, [
              wasmOptPath(),
              upstreamOut,
              ...words,
              ...flags,
              '-o',
              outPath,
            ]);
            if (m.code !== 0) {
              failure = `exit ${m.code ?? m.signal} with ${flags.join(' ') || 'no feature flags'}: ${firstLine(m.stderr)}`;
              continue;
            }
            features = flags;
            failure = undefined;
            record(cell.wasmOpt, m, statSync(outPath).size);
            log(id, `wasm-opt ${setting.id}`, run, m);
            break;
          }
          if (failure) {
            cell.wasmOpt.error = failure;
            console.error(`[bench] ${id} wasm-opt ${setting.id}: ${failure}`);
          }
        }
      }
    }
    row.wasmOptFeatures = features;
    rows.push(row);
  }
  return rows;
}

function record(result, measured, size) {
  result.times.push(measured.wallMs);
  if (measured.peakRssKb !== undefined) result.rss.push(measured.peakRssKb);
  result.sizes.push(size);
}

function log(id, what, run, m, extra = '') {
  console.error(
    `[bench] ${id} ${what} run ${run + 1}: ${(m.wallMs / 1000).toFixed(2)} s, ` +
      `${Math.round((m.peakRssKb ?? 0) / 1024)} MB${extra}`,
  );
}

/** wasm-opt's message: the first line that says something (validation errors run long). */
function firstLine(text) {
  const lines = text.split('\n').filter((l) => l.trim());
  const fatal = lines.find((l) => l.startsWith('Fatal:'));
  return [lines[0], fatal].filter(Boolean).join(' … ').slice(0, 300);
}
