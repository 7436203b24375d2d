/**
 * One module's journey: read it and derive its cache key, then either take the restored entry
 * or wizen it, and write the result atomically. Failures are recorded per module and never stop
 * the others.
 */
import * as core from '@actions/core';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatErrorChain } from '../errors.js';
import { writeOutputFile } from '../host/output-file.js';
import { binaryKind } from '../wasm/module.js';
import { wizen } from '../wizer/index.js';
import type { WizenOptions, WizenReport } from '../wizer/options.js';
import type { EntryManifest, StartupTimes } from '../cache/entry.js';
import { KEY_SCHEMA, moduleCacheKey, sha256Hex } from '../cache/key.js';
import type { EntryToSave, RestoredModule } from '../cache/store.js';
import { TOOL_VERSION } from '../version.js';
import { displayName, type PlannedModule } from './files.js';
import { measureStartup } from './startup.js';

/** A planned module with its bytes read and its key derived (or the reason it could not be read). */
export interface PreparedModule extends PlannedModule {
  bytes?: Uint8Array;
  inputSha256?: string;
  key?: string;
  readError?: string;
}

/** The outcome of one module, as reported in outputs, logs and the summary. */
export interface ModuleResult {
  name: string;
  /** Display path of the result (workspace-relative when inside it). */
  outputName: string;
  /** Absolute path of the result; set only when it was written. */
  outputPath?: string;
  status: 'wizened' | 'cached' | 'failed';
  /** What the input is, when it could be read and has a WebAssembly preamble. */
  kind?: 'module' | 'component';
  cacheKey?: string;
  bytesBefore?: number;
  bytesAfter?: number;
  /** sha256 of the result (hex), for pipelines that sign, attest or compare it. */
  outputSha256?: string;
  report?: WizenReport;
  startup?: StartupTimes;
  /** Time this run spent on the module (reading, wizening or restoring, writing). */
  elapsedMs: number;
  error?: string;
}

export async function prepareModules(
  modules: readonly PlannedModule[],
  settingsDigest: string,
  keyPrefix: string,
): Promise<PreparedModule[]> {
  const prepared: PreparedModule[] = [];
  for (const module of modules) {
    try {
      const bytes = await readFile(module.input);
      const inputSha256 = sha256Hex(bytes);
      prepared.push({
        ...module,
        bytes,
        inputSha256,
        key: moduleCacheKey(keyPrefix, TOOL_VERSION, settingsDigest, inputSha256),
      });
    } catch (error) {
      prepared.push({
        ...module,
        readError: `failed to read the module: ${formatErrorChain(error)}`,
      });
    }
  }
  return prepared;
}

export interface ProcessContext {
  workspace: string;
  options: Partial<WizenOptions>;
  /** Position for progress lines, e.g. `[2/7]`. */
  position: string;
}

/** Wizens (or restores) one module and writes its result; returns what to save in the cache. */
export async function processModule(
  module: PreparedModule,
  restored: RestoredModule | undefined,
  context: ProcessContext,
): Promise<{ result: ModuleResult; toSave?: Omit<EntryToSave, 'repair'> }> {
  const started = performance.now();
  const outputName = displayName(module.output, context.workspace);
  const kind = module.bytes && binaryKind(module.bytes);
  const base = {
    name: module.name,
    outputName,
    ...(kind ? { kind } : {}),
    ...(module.key ? { cacheKey: module.key } : {}),
  };
  const failed = (error: string): { result: ModuleResult } => {
    core.error(`${module.name}: ${error}`, {
      title: `Wizer failed: ${module.name}`,
      ...annotationFile(module),
    });
    return {
      result: {
        ...base,
        status: 'failed',
        elapsedMs: performance.now() - started,
        error,
        ...sizeBefore(module),
      },
    };
  };
  if (!module.bytes || !module.key || !module.inputSha256)
    return failed(module.readError ?? 'failed to read the module');

  if (restored) {
    try {
      await writeAtomically(module.output, restored.wasm);
    } catch (error) {
      return failed(`failed to write ${outputName}: ${formatErrorChain(error)}`);
    }
    const result: ModuleResult = {
      ...base,
      outputPath: module.output,
      status: 'cached',
      bytesBefore: module.bytes.length,
      bytesAfter: restored.wasm.length,
      outputSha256: sha256Hex(restored.wasm),
      report: restored.manifest.report,
      ...(restored.manifest.startup ? { startup: restored.manifest.startup } : {}),
      elapsedMs: performance.now() - started,
    };
    core.info(
      `${context.position} ${module.name}: restored from the cache ` +
        `(${formatBytes(restored.wasm.length)}, ${formatMs(result.elapsedMs)})`,
    );
    return { result };
  }

  core.startGroup(`${context.position} ${module.name}: wizening`);
  let wasm: Uint8Array;
  let report: WizenReport;
  let startup: StartupTimes | undefined;
  try {
    ({ wasm, report } = await wizen(module.bytes, context.options, {
      debug: core.debug,
      // A component's init given as a call expression: what it returned (WAVE).
      initResult: (wave) => core.info(`${module.name}: the init function returned ${wave}`),
    }));
    startup = measureStartup(report.timings.initialize, wasm);
    await writeAtomically(module.output, wasm);
  } catch (error) {
    core.endGroup();
    return failed(formatErrorChain(error));
  }
  core.endGroup();
  const elapsedMs = performance.now() - started;
  core.info(
    `${context.position} ${module.name}: ${formatBytes(module.bytes.length)} -> ${formatBytes(wasm.length)}, ` +
      `${report.segments} segments, init ${formatMs(report.timings.initialize)} (total ${formatMs(elapsedMs)})`,
  );
  const outputSha256 = sha256Hex(wasm);
  const manifest: EntryManifest = {
    schema: KEY_SCHEMA,
    key: module.key,
    name: module.name,
    tool: TOOL_VERSION,
    inputSha256: module.inputSha256,
    outputSha256,
    outputBytes: wasm.length,
    report,
    ...(startup ? { startup } : {}),
    createdAt: new Date().toISOString(),
  };
  return {
    result: {
      ...base,
      outputPath: module.output,
      status: 'wizened',
      bytesBefore: module.bytes.length,
      bytesAfter: wasm.length,
      outputSha256,
      report,
      ...(startup ? { startup } : {}),
      elapsedMs,
    },
    toSave: { key: module.key, wasm, manifest },
  };
}

/** Writes an output module where readers never see a partial file (see host/output-file.ts). */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  writeOutputFile(path, bytes);
}

function sizeBefore(module: PreparedModule): { bytesBefore?: number } {
  return module.bytes ? { bytesBefore: module.bytes.length } : {};
}

/** Annotations can point at files inside the repository only. */
function annotationFile(module: PreparedModule): { file?: string } {
  return module.name.startsWith('/') || /^[A-Za-z]:/.test(module.name) ? {} : { file: module.name };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
