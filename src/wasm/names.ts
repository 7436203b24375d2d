/**
 * The `name` custom section: the module's name and its functions' names, read only when a trap
 * needs them for a backtrace. Malformed or missing subsections give no names, never an error.
 */
import type { RawSection } from './module.js';
import { BinaryReader } from './reader.js';

export interface ModuleNames {
  module: string | undefined;
  functions: Map<number, string>;
}

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;

export function readNames(bytes: Uint8Array, sections: readonly RawSection[]): ModuleNames {
  const names: ModuleNames = { module: undefined, functions: new Map() };
  const section = sections.find((s) => s.customName === 'name');
  if (section === undefined) return names;
  try {
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    r.name(); // "name"
    while (!r.eof) {
      const id = r.u8();
      const size = r.u32();
      const sub = r.sub(size);
      if (id === MODULE_NAME) names.module = sub.name();
      else if (id === FUNCTION_NAMES) {
        for (let n = sub.u32(); n > 0; n--) names.functions.set(sub.u32(), sub.name());
      }
    }
  } catch {
    // A damaged name section only costs the names.
  }
  return names;
}
