/**
 * Fixture loading for the differential suite: WAT files under __tests__/fixtures/ or inline WAT,
 * assembled once per process and cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';
import { WABT_FEATURES, repoRoot } from '../helpers/tools.js';
import { type DiffCase, type DiffResult, runBoth } from './harness.js';

export const fixturesDir = join(repoRoot, '__tests__', 'fixtures');

const cache = new Map<string, Promise<Uint8Array>>();

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

/**
 * Assembles WAT without wabt's validator, which rejects some inputs upstream accepts (e.g.
 * extended-const initialisers). Upstream validates every fixture itself, and success cases check
 * that it succeeded.
 */
async function assemble(text: string): Promise<Uint8Array> {
  wabtPromise ??= wabtInit();
  const wabt = await wabtPromise;
  const module = wabt.parseWat('fixture.wat', text, WABT_FEATURES);
  try {
    module.resolveNames();
    return new Uint8Array(module.toBinary({ write_debug_names: true }).buffer);
  } finally {
    module.destroy();
  }
}

/** Assembles inline WAT (cached by text). */
export function wasmOf(text: string): Promise<Uint8Array> {
  let hit = cache.get(text);
  if (!hit) {
    hit = assemble(text);
    cache.set(text, hit);
  }
  return hit;
}

/** Reads `__tests__/fixtures/<name>` as text. */
export function fixtureText(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/** Assembles `__tests__/fixtures/<name>.wat`. */
export function fixture(name: string): Promise<Uint8Array> {
  return wasmOf(fixtureText(`${name}.wat`));
}

/** Runs both tools on inline WAT (or bytes) with the given flags. */
export async function diffWat(
  source: string | Uint8Array,
  args: string[] = [],
  extra: Omit<DiffCase, 'wasm' | 'args'> = {},
): Promise<DiffResult> {
  const wasm = typeof source === 'string' ? await wasmOf(source) : source;
  return runBoth({ wasm, args, ...extra });
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Encodes a name (length-prefixed UTF-8). */
export function nameBytes(name: string): number[] {
  const bytes = [...Buffer.from(name, 'utf8')];
  return [...leb(bytes.length), ...bytes];
}

/**
 * Builds a module from raw sections, for inputs the text format cannot express (custom page
 * sizes, hand-placed custom sections, over-long LEBs).
 */
export function binaryModule(sections: Array<[id: number, payload: number[]]>): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const [id, payload] of sections) out.push(id, ...leb(payload.length), ...payload);
  return new Uint8Array(out);
}

/** Where to splice a custom section: after the first section with this id, or at the start/end. */
export type SplicePoint = { after: number } | 'start' | 'end';

/** Inserts custom sections into an assembled module (wabt cannot place them). */
export function withCustomSections(
  wasm: Uint8Array,
  inserts: Array<{ at: SplicePoint; name: string; payload: number[] }>,
): Uint8Array {
  const sections: Array<[number, number[]]> = [];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos]!;
    let size = 0;
    let shift = 0;
    let p = pos + 1;
    for (;;) {
      const b = wasm[p++]!;
      size |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    sections.push([id, [...wasm.subarray(p, p + size)]]);
    pos = p + size;
  }
  const custom = (name: string, payload: number[]): [number, number[]] => [
    0,
    [...nameBytes(name), ...payload],
  ];
  const out: Array<[number, number[]]> = [];
  for (const i of inserts.filter((x) => x.at === 'start')) out.push(custom(i.name, i.payload));
  for (const section of sections) {
    out.push(section);
    for (const i of inserts) {
      if (typeof i.at === 'object' && i.at.after === section[0])
        out.push(custom(i.name, i.payload));
    }
  }
  for (const i of inserts.filter((x) => x.at === 'end')) out.push(custom(i.name, i.payload));
  return binaryModule(out);
}
