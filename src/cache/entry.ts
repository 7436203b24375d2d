/**
 * The layout of one cache entry: a directory holding the wizened module and a manifest that
 * records its key, size and sha256 plus the report of the run that produced it. A restored entry
 * is used only if the manifest matches the key, the bytes match the digest and the module
 * validates; anything else is "corrupt" and gets rebuilt.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WizenReport } from '../wizer/options.js';
import { KEY_SCHEMA, sha256Hex } from './key.js';
import { binaryKind } from '../wasm/module.js';

export const MANIFEST_FILE = 'manifest.json';
export const MODULE_FILE = 'module.wasm';

/** Start-up cost before and after wizening, when it could be measured. */
export interface StartupTimes {
  /** Instantiate + initialize of the original module, in ms. */
  beforeMs: number;
  /** Instantiate of the wizened module, in ms. */
  afterMs: number;
}

export interface EntryManifest {
  schema: number;
  /** The module's base cache key (repaired entries keep it too). */
  key: string;
  /** Workspace-relative name of the input that produced the entry (informational). */
  name: string;
  tool: string;
  inputSha256: string;
  outputSha256: string;
  outputBytes: number;
  report: WizenReport;
  startup?: StartupTimes;
  createdAt: string;
}

export interface ValidEntry {
  wasm: Uint8Array;
  manifest: EntryManifest;
}

export async function writeEntry(
  dir: string,
  wasm: Uint8Array,
  manifest: EntryManifest,
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MODULE_FILE), wasm);
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads and checks an extracted entry; returns the reason when it cannot be used. */
export async function readEntry(
  dir: string,
  key: string,
): Promise<ValidEntry | { corrupt: string }> {
  let manifest: EntryManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as EntryManifest;
  } catch (error) {
    return { corrupt: `unreadable manifest (${describe(error)})` };
  }
  if (manifest === null || typeof manifest !== 'object' || manifest.schema !== KEY_SCHEMA) {
    return { corrupt: 'manifest of an unknown schema' };
  }
  if (manifest.key !== key) return { corrupt: `manifest is for key ${String(manifest.key)}` };
  let wasm: Uint8Array;
  try {
    wasm = await readFile(join(dir, MODULE_FILE));
  } catch (error) {
    return { corrupt: `module missing (${describe(error)})` };
  }
  if (wasm.length !== manifest.outputBytes) {
    return { corrupt: `module has ${wasm.length} bytes, manifest says ${manifest.outputBytes}` };
  }
  if (sha256Hex(wasm) !== manifest.outputSha256)
    return { corrupt: 'module sha256 does not match the manifest' };
  // V8 validates modules only; a component's bytes are vouched for by the sha256 above.
  const kind = binaryKind(wasm);
  if (kind === undefined) return { corrupt: 'not a WebAssembly binary' };
  if (kind === 'module' && !WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>))
    return { corrupt: 'module does not validate' };
  return { wasm, manifest };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
