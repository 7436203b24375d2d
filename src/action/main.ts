/**
 * The action: inputs -> matched modules -> cache restore -> wizen the misses -> cache save ->
 * artifact upload -> outputs and job summary. Every module is attempted; failures are collected
 * and fail the step at the end, after outputs, summary and upload of the successful results.
 */
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { digestFile, digestTree } from '../cache/content.js';
import { settingsDigest } from '../cache/key.js';
import { ModuleCache, type EntryToSave, type RestoreResult } from '../cache/store.js';
import { formatErrorChain } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import type { WizenOptions } from '../wizer/options.js';
import { uploadResults, type UploadedArtifact } from './artifact.js';
import { NoFilesFound, Outputs } from './constants.js';
import { matchFiles, patternWarnings, planModules, type ModulePlan } from './files.js';
import { wizenOptions } from './guest.js';
import { getInputs, type ActionInputs } from './inputs.js';
import {
  prepareModules,
  processModule,
  type ModuleResult,
  type PreparedModule,
} from './modules.js';
import { speedup } from './startup.js';
import { writeSummary } from './summary.js';

/** Failed modules named in the step's failure message; the rest are counted. */
const MAX_NAMED_FAILURES = 20;

/** Runs the action; never throws. The step fails through `core.setFailed`. */
export async function run(): Promise<void> {
  try {
    const failure = await wizenWorkspace();
    if (failure) core.setFailed(failure);
  } catch (error) {
    core.setFailed(formatErrorChain(error));
  }
}

/** Returns the reason to fail the step, if any. */
async function wizenWorkspace(): Promise<string | undefined> {
  const workspace = resolve(process.env['GITHUB_WORKSPACE'] || process.cwd());
  const inputs = getInputs(workspace);
  // Relative patterns, preopens and preloads are relative to the workspace, as in `run:` steps.
  process.chdir(workspace);

  for (const warning of patternWarnings(inputs.patterns)) core.warning(warning);
  const plan = planModules(
    await matchFiles(inputs.patterns),
    workspace,
    inputs.output,
    inputs.shard,
  );
  const notes = reportPlan(plan);
  if (plan.modules.length === 0) return noModules(inputs, plan, notes);

  const options = wizenOptions(inputs.wizen, process.env);
  const settings = settingsDigest(options, await contentDigests(options), TOOL_VERSION);
  const modules = await prepareModules(plan.modules, settings, inputs.cache.keyPrefix);
  const cache = inputs.cache.enabled
    ? new ModuleCache(
        join(
          process.env['RUNNER_TEMP'] || tmpdir(),
          `wizer-action-cache-${randomUUID().slice(0, 8)}`,
        ),
        {
          info: core.info,
          warning: core.warning,
          debug: core.debug,
        },
      )
    : undefined;

  const restored = await restore(cache, modules);
  const results: ModuleResult[] = [];
  const toSave = new Map<string, EntryToSave>();
  for (const [index, module] of modules.entries()) {
    const hit = module.key ? restored.hits.get(module.key) : undefined;
    const { result, toSave: entry } = await processModule(module, hit, {
      workspace,
      options,
      position: `[${index + 1}/${modules.length}]`,
    });
    results.push(result);
    if (entry && !toSave.has(entry.key))
      toSave.set(entry.key, { ...entry, repair: restored.corrupt.has(entry.key) });
  }
  if (cache && toSave.size > 0 && cache.canSave()) {
    await core.group(
      `Saving ${toSave.size} module${toSave.size === 1 ? '' : 's'} to the cache`,
      async () => {
        const saved = await cache.save([...toSave.values()]);
        core.info(`Saved ${saved} of ${toSave.size} cache entries`);
      },
    );
  }

  await cache?.dispose();

  const written = results.filter((r) => r.outputPath !== undefined).map((r) => r.outputPath!);
  let artifact: UploadedArtifact | undefined;
  let artifactError: string | undefined;
  if (inputs.upload.enabled && written.length > 0) {
    try {
      artifact = await core.group(`Uploading artifact ${inputs.upload.name}`, () =>
        uploadResults(written, workspace, inputs.upload),
      );
    } catch (error) {
      artifactError = error instanceof Error ? error.message : String(error);
      core.error(artifactError, { title: 'Artifact upload failed' });
    }
  } else if (inputs.upload.enabled) {
    core.info('No module was wizened successfully: nothing to upload');
  }

  setOutputs(results, artifact);
  await writeSummary({
    results,
    notes,
    ...(artifact ? { artifact } : {}),
    ...(artifactError ? { artifactError } : {}),
  });
  logTotals(results);

  const failed = results.filter((r) => r.status === 'failed');
  const reasons: string[] = [];
  if (failed.length > 0) {
    const names = failed.slice(0, MAX_NAMED_FAILURES).map((r) => r.name);
    if (failed.length > MAX_NAMED_FAILURES)
      names.push(`and ${failed.length - MAX_NAMED_FAILURES} more`);
    reasons.push(`${failed.length} of ${results.length} modules failed: ${names.join(', ')}`);
  }
  if (artifactError) reasons.push(artifactError);
  return reasons.length > 0 ? reasons.join('\n') : undefined;
}

/** Logs what the patterns matched but this job leaves out; returns the same lines for the summary. */
function reportPlan(plan: ModulePlan): string[] {
  const notes: string[] = [];
  if (plan.excluded.length > 0) {
    notes.push(
      `Left out ${plan.excluded.length} matched file${plan.excluded.length === 1 ? '' : 's'}: ` +
        plan.excluded.map((e) => `${e.name} (${e.reason})`).join(', '),
    );
  }
  if (plan.otherShards > 0)
    notes.push(`${plan.otherShards} matched modules belong to other shards.`);
  for (const note of notes) core.info(note);
  core.info(
    `Matched ${plan.matched} file${plan.matched === 1 ? '' : 's'}; wizening ${plan.modules.length} in this job`,
  );
  return notes;
}

async function noModules(
  inputs: ActionInputs,
  plan: ModulePlan,
  notes: string[],
): Promise<string | undefined> {
  setOutputs([], undefined);
  await writeSummary({ results: [], notes });
  if (plan.otherShards > 0) {
    core.info('This shard got no modules: the matched files all went to other shards');
    return undefined;
  }
  const message =
    plan.excluded.length > 0
      ? `No modules to wizen: the patterns matched only files this action leaves out (${plan.excluded.map((e) => e.name).join(', ')})`
      : `No files were found with the provided patterns: ${inputs.patterns.join(', ')}`;
  switch (inputs.ifNoFilesFound) {
    case NoFilesFound.Error:
      return message;
    case NoFilesFound.Warn:
      core.warning(`${message}. No module was wizened.`);
      return undefined;
    case NoFilesFound.Ignore:
      core.info(`${message}. No module was wizened.`);
      return undefined;
  }
}

async function contentDigests(options: Partial<WizenOptions>) {
  return {
    preopens: await Promise.all((options.preopens ?? []).map((p) => digestTree(p.host))),
    preloads: await Promise.all((options.preloads ?? []).map((p) => digestFile(p.path))),
  };
}

async function restore(
  cache: ModuleCache | undefined,
  modules: readonly PreparedModule[],
): Promise<RestoreResult> {
  const keys = modules.flatMap((m) => (m.key ? [m.key] : []));
  if (!cache || keys.length === 0 || !cache.canRestore())
    return { hits: new Map(), corrupt: new Set() };
  return core.group(
    `Restoring ${keys.length} module${keys.length === 1 ? '' : 's'} from the cache`,
    async () => {
      const started = performance.now();
      const result = await cache.restore(keys);
      core.info(
        `Cache: ${result.hits.size} of ${new Set(keys).size} entries restored in ${Math.round(performance.now() - started)} ms`,
      );
      return result;
    },
  );
}

function setOutputs(
  results: readonly ModuleResult[],
  artifact: UploadedArtifact | undefined,
): void {
  const modules = results.map((r) => ({
    input: r.name,
    kind: r.kind ?? null,
    output: r.outputPath !== undefined ? r.outputName : null,
    sizeBefore: r.bytesBefore ?? null,
    sizeAfter: r.bytesAfter ?? null,
    sha256: r.outputSha256 ?? null,
    segments: r.report?.segments ?? null,
    initMs: r.report ? Math.round(r.report.timings.initialize * 1000) / 1000 : null,
    cacheHit: r.status === 'cached',
    cacheKey: r.cacheKey ?? null,
    startupSpeedup: r.startup ? Math.round(speedup(r.startup) * 100) / 100 : null,
    error: r.error ?? null,
  }));
  core.setOutput(Outputs.Modules, JSON.stringify(modules));
  core.setOutput(
    Outputs.CacheHit,
    String(results.length > 0 && results.every((r) => r.status === 'cached')),
  );
  core.setOutput(
    Outputs.CachePrimaryKey,
    results.flatMap((r) => (r.cacheKey ? [r.cacheKey] : [])).join('\n'),
  );
  core.setOutput(Outputs.ArtifactId, artifact ? String(artifact.id) : '');
  core.setOutput(Outputs.ArtifactUrl, artifact?.url ?? '');
  core.setOutput(Outputs.ArtifactDigest, artifact?.digest ?? '');
}

function logTotals(results: readonly ModuleResult[]): void {
  const count = (status: ModuleResult['status']) =>
    results.filter((r) => r.status === status).length;
  core.info(
    `Done: ${count('wizened')} wizened, ${count('cached')} from the cache, ${count('failed')} failed`,
  );
}
