// Markdown table of benchmark results, with the speed-up of ours over upstream per module.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;
// Output sizes in full: StarlingMonkey's differ by a few bytes from run to run.
const byteCount = (bytes) => `${Math.round(bytes).toLocaleString('en-US')} B`;

/** Median output size, with half the spread when runs differ (clock- and GC-dependent outputs). */
function sizeCell(sizes) {
  const spread = (Math.max(...sizes) - Math.min(...sizes)) / 2;
  return spread > 0 ? `${byteCount(median(sizes))} (±${byteCount(spread)})` : byteCount(sizes[0]);
}

function toolCells(result) {
  if (result.unsupported) return [result.unsupported, '', ''];
  if (result.error) return [`error: ${result.error.replaceAll('|', '/').slice(0, 160)}`, '', ''];
  return [
    seconds(median(result.times)),
    result.rss.length ? megabytes(median(result.rss) * 1024) : 'n/a',
    sizeCell(result.outputSizes),
  ];
}

/** Speed-up of ours over upstream (median times), or undefined when either failed. */
export function speedUp(row) {
  const { upstream, ours } = row.tools ?? {};
  if (!upstream || !ours || upstream.error || ours.error) return undefined;
  if (upstream.unsupported || ours.unsupported) return undefined;
  return median(upstream.times) / median(ours.times);
}

/** The engine issue's targets, each marked met or missed. */
function targetLines(rows, geomean) {
  const compared = rows.filter((row) => speedUp(row) !== undefined);
  const all = (test) => compared.length === rows.length && compared.every(test);
  const mark = (met, text) => `- [${met ? 'x' : ' '}] ${text}`;
  return [
    mark(
      all((row) => speedUp(row) >= 3),
      'at least 3x faster than upstream on every module',
    ),
    mark(geomean >= 10, `at least 10x faster on the geometric mean (${geomean.toFixed(2)}x)`),
    mark(
      all((row) => median(row.tools.ours.rss) < median(row.tools.upstream.rss)),
      'peak RSS below upstream on every module',
    ),
    mark(
      all((row) => median(row.tools.ours.outputSizes) <= median(row.tools.upstream.outputSizes)),
      'output no larger than upstream on every module',
    ),
  ];
}

/** Our `--deterministic` runs: time, size and whether every run gave the same bytes. */
function deterministicLines(rows, runs) {
  const lines = [
    `Deterministic mode (ours --deterministic, ${runs} run(s); the same sha256 on every run is the goal):`,
    '',
    '| module | time | RSS | output | upstream output | distinct outputs | sha256 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const result = row.tools?.deterministic;
    if (!result) continue;
    const [time, rss, size] = toolCells(result);
    const hashes = new Set(result.outputHashes);
    const upstream = row.tools.upstream;
    const upstreamSize =
      upstream.unsupported || upstream.error ? '—' : sizeCell(upstream.outputSizes);
    const same = hashes.size === 1 ? '1 (reproducible)' : `${hashes.size}`;
    const first = result.outputHashes[0]?.slice(0, 16) ?? '—';
    lines.push(
      `| ${row.name} | ${time} | ${rss} | ${size} | ${upstreamSize} | ${hashes.size ? same : '—'} | \`${first}…\` |`,
    );
  }
  return lines;
}

/** Steps of our CLI's `Phase times` line, in order (`optimize` appears only with --optimize). */
const STEPS = [
  'start',
  'read',
  'parse',
  'instrument',
  'compile',
  'initialize',
  'snapshot',
  'rewrite',
  'write',
];

/** Where our time goes (medians per step of our runs), beside both tools' wall times. */
function phaseLines(rows) {
  const lines = [
    'Where our time goes (ms, medians; `start` is Node and the bundle loading, the rest of the',
    'wall time is process exit and GC after the write):',
    '',
    `| module | upstream wall | ours wall | ${STEPS.join(' | ')} |`,
    `|---|---|---|${STEPS.map(() => '---|').join('')}`,
  ];
  for (const row of rows) {
    const ours = row.tools?.ours;
    if (!ours?.phases?.length) continue;
    const upstream = row.tools.upstream;
    const upstreamWall =
      upstream.unsupported || upstream.error || !upstream.times.length
        ? '—'
        : median(upstream.times).toFixed(0);
    const cells = STEPS.map((step) => {
      const values = ours.phases.map((p) => p[step]).filter((v) => v !== undefined);
      return values.length ? median(values).toFixed(1) : '—';
    });
    lines.push(
      `| ${row.name} | ${upstreamWall} | ${median(ours.times).toFixed(0)} | ${cells.join(' | ')} |`,
    );
  }
  return lines;
}

export function formatReport(rows, { runs, rssMethod, seconds: totalSeconds }) {
  const lines = [
    `Wizer benchmark: median of ${runs} run(s) per tool; peak RSS by ${rssMethod}.`,
    '',
    '| module | input | upstream time | upstream RSS | upstream output | ours time | ours RSS | ours output | speed-up |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const speedUps = [];
  const checks = [];
  for (const row of rows) {
    if (row.error) {
      lines.push(`| ${row.name} | error: ${row.error.replaceAll('|', '/').slice(0, 200)} ||||||||`);
      continue;
    }
    const factor = speedUp(row);
    if (factor !== undefined && !row.extra) speedUps.push(factor);
    lines.push(
      `| ${row.name}${row.extra ? ' *' : ''} | ${megabytes(row.inputBytes)} | ${toolCells(row.tools.upstream).join(' | ')} | ` +
        `${toolCells(row.tools.ours).join(' | ')} | ${factor === undefined ? '—' : `${factor.toFixed(2)}x`} |`,
    );
    for (const [tool, result] of Object.entries(row.tools)) {
      if (result.check) checks.push(`- ${row.name}, ${tool}: ${result.check}`);
    }
  }
  lines.push('');
  const extras = rows.filter((row) => row.extra);
  if (extras.length > 0) {
    lines.push(
      "\\* Not one of the engine issue's modules, so outside the geometric mean and the targets: " +
        [...new Set(extras.map((row) => row.extra))].join(' '),
      '',
    );
  }
  if (speedUps.length > 0) {
    const geomean = Math.exp(speedUps.reduce((sum, f) => sum + Math.log(f), 0) / speedUps.length);
    lines.push(`Geometric mean speed-up over ${speedUps.length} module(s): ${geomean.toFixed(2)}x`);
    lines.push(
      '',
      'Targets:',
      ...targetLines(
        rows.filter((row) => !row.extra),
        geomean,
      ),
    );
  } else {
    lines.push('Geometric mean speed-up: n/a (no module ran with both tools)');
  }
  lines.push('', ...phaseLines(rows));
  lines.push('', ...deterministicLines(rows, runs));
  lines.push('', 'Output checks:', ...(checks.length ? checks : ['- none passed']));
  lines.push('', `Total bench time: ${totalSeconds.toFixed(0)} s`, '');
  return lines.join('\n');
}

/** `--optimize`: our optimization beside upstream Wizer + wasm-opt, per module and setting. */
export function formatOptimizeReport(rows, { runs, rssMethod, seconds: totalSeconds, settings }) {
  const cells = (result) => {
    if (result.unsupported) return [result.unsupported, '', ''];
    if (result.error) return [`error: ${result.error.replaceAll('|', '/').slice(0, 200)}`, '', ''];
    return [
      seconds(median(result.times)),
      result.rss.length ? megabytes(median(result.rss) * 1024) : 'n/a',
      sizeCell(result.sizes),
    ];
  };
  const lines = [
    `Optimization (\`--optimize\`): median of ${runs} run(s) per tool; peak RSS by ${rssMethod}.`,
    'Ours wizens and optimizes in one process ("ours optimize" is its `Optimized in N ms` debug line);',
    "upstream is Wizer 11, then binaryen's `wasm-opt` (npm binaryen, JS build, same Node) on its output.",
    '',
    ...settings.map((s) => `- ${s.id}: \`${s.args}\``),
    '',
    '| module | setting | ours total | ours optimize | ours RSS | ours output | upstream Wizer | wasm-opt time | wasm-opt RSS | upstream + wasm-opt output | optimize time ours / wasm-opt | size ours − wasm-opt |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const checks = [];
  const notes = [];
  for (const row of rows) {
    if (row.error) {
      lines.push(
        `| ${row.name} | error: ${row.error.replaceAll('|', '/').slice(0, 200)} ||||||||||`,
      );
      continue;
    }
    const [upTime] = cells(row.upstream);
    for (const [id, cell] of Object.entries(row.settings)) {
      const [oTime, oRss, oSize] = cells(cell.ours);
      const [wTime, wRss, wSize] = cells(cell.wasmOpt);
      const oursOk = !cell.ours.error && cell.ours.times.length > 0;
      const wasmOptOk =
        !cell.wasmOpt.error && !cell.wasmOpt.unsupported && cell.wasmOpt.times.length;
      const optMs = cell.ours.optimizeMs?.length ? median(cell.ours.optimizeMs) : undefined;
      const optCell = oursOk
        ? optMs === undefined
          ? 'n/a'
          : `${seconds(optMs)} (${byteCount(median(cell.ours.before))} in)`
        : '';
      const ratio =
        oursOk && wasmOptOk && optMs !== undefined
          ? `${(optMs / median(cell.wasmOpt.times)).toFixed(2)}x`
          : '—';
      const diff =
        oursOk && wasmOptOk
          ? (() => {
              const d = median(cell.ours.sizes) - median(cell.wasmOpt.sizes);
              return `${d > 0 ? '+' : ''}${Math.round(d).toLocaleString('en-US')} B`;
            })()
          : '—';
      lines.push(
        `| ${row.name} | ${id} | ${oTime} | ${optCell} | ${oRss} | ${oSize} | ${upTime} | ` +
          `${wTime} | ${wRss} | ${wSize} | ${ratio} | ${diff} |`,
      );
      if (cell.ours.check) checks.push(`- ${row.name}, ours ${id}: ${cell.ours.check}`);
    }
    if (row.wasmOptFeatures?.length) {
      notes.push(`- ${row.name}: wasm-opt needed \`${row.wasmOptFeatures.join(' ')}\``);
    }
  }
  lines.push(
    '',
    'wasm-opt features: none given unless listed (it reads `target_features`); when it rejects the',
    'input, `--all-features --disable-compact-imports`, what ours assumes without `target_features`.',
    ...notes,
    '',
    'Output checks (ours, first run):',
    ...(checks.length ? checks : ['- none']),
    '',
    `Total bench time: ${totalSeconds.toFixed(0)} s`,
    '',
  );
  return lines.join('\n');
}
