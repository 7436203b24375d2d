/**
 * Component phase 5: rewrite. Writes the component back with each replaced core module's bytes
 * substituted in place (its section size re-encoded) and, optionally, one component-level function
 * export removed; every other byte is copied from the input.
 *
 * Removing an export removes the function index it defined, so every later use of a component
 * function index above it moves down by one: instantiation arguments, inline instance exports,
 * `canon lower`, later exports (component start functions are refused by the parser; aliases only
 * define functions, naming instances rather than functions, so they stay as they are; nested
 * components have index spaces of their own and are copied as they are). A use of the
 * removed index itself (re-exporting the export) is pointed at the function the export named. The
 * function names of the `component-name` section are renumbered the same way. Only the
 * component-level export goes: core exports are never touched (upstream wasmtime#13168 also
 * removes a core export that a component alias still names, which breaks the component).
 *
 *     (func $init ...)                       ;; func 0          (func $init ...)
 *     (func $get ...)                        ;; func 1          (func $get ...)
 *     (export "wizer-initialize" (func 0))   ;; func 2    =>
 *     (export "get" (func 1))                ;; func 3          (export "get" (func 1))   ;; func 2
 *     (instance (export "g" (func 3)))                          (instance (export "g" (func 2)))
 */
import { WizerError } from '../errors.js';
import { BinaryReader } from '../wasm/reader.js';
import { ByteSink, concatChunks, sectionHeader } from '../wasm/writer.js';
import { ComponentSectionId, type ComponentSection, type ParsedComponent } from './binary.js';
import { readSort } from './entries.js';

export interface RewriteComponentOptions {
  /** New bytes for core modules, by module index. */
  replacements?: ReadonlyMap<number, Uint8Array>;
  /** Name of a component-level function export to remove (the init function). */
  removeExport?: string;
}

/** A replacement of `[start, end)` of the input by `bytes`. */
interface Edit {
  start: number;
  end: number;
  bytes: Uint8Array;
}

function u32Bytes(value: number): Uint8Array {
  return new ByteSink(5).u32(value).view().slice();
}

/** How function indices move when the function index `removed` goes away. */
interface Removal {
  removed: number;
  /** What a use of `removed` itself becomes: the function the removed export named. */
  redirect: number;
  /** Byte range of the removed export entry. */
  entry: { section: number; start: number; end: number };
}

function renumber(index: number, removal: Removal): number {
  if (index < removal.removed) return index;
  return index === removal.removed ? removal.redirect : index - 1;
}

/**
 * Rewrites `bytes` (parsed as `parsed` by `parseComponent`) as described in the file header.
 * With no replacements and no removal the output equals the input byte for byte.
 */
export function rewriteComponent(
  bytes: Uint8Array,
  parsed: ParsedComponent,
  options: RewriteComponentOptions = {},
): Uint8Array {
  if (bytes.length !== parsed.bytes.length) {
    throw new WizerError('rewriteComponent: the bytes are not the ones that were parsed');
  }
  const replacements = new Map<number, Uint8Array>();
  for (const [index, module] of options.replacements ?? []) {
    const info = parsed.modules[index];
    if (info === undefined) throw new WizerError(`the component has no core module ${index}`);
    replacements.set(info.section, module);
  }
  const removal =
    options.removeExport === undefined ? undefined : findRemoval(parsed, options.removeExport);
  const edits =
    removal === undefined ? new Map<number, Edit[]>() : removalEdits(bytes, parsed, removal);

  const chunks: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const section of parsed.sections) {
    const replacement = replacements.get(section.index);
    const sectionEdits = edits.get(section.index);
    if (replacement !== undefined) {
      chunks.push(sectionHeader(ComponentSectionId.CoreModule, replacement.length), replacement);
    } else if (sectionEdits !== undefined) {
      const payload = applyEdits(bytes, section, sectionEdits);
      chunks.push(sectionHeader(section.id, payload.length), payload);
    } else if (removal !== undefined && section.customName === 'component-name') {
      const payload = renumberNames(bytes, section, removal);
      if (payload === undefined) chunks.push(bytes.subarray(section.start, section.end));
      else chunks.push(sectionHeader(section.id, payload.length), payload);
    } else {
      chunks.push(bytes.subarray(section.start, section.end));
    }
  }
  return concatChunks(chunks);
}

function findRemoval(parsed: ParsedComponent, name: string): Removal {
  const exported = parsed.exports.find((e) => e.name === name);
  if (exported === undefined) {
    throw new WizerError(`the component does not have a \`${name}\` export to remove`);
  }
  if (exported.sort !== 'func') {
    throw new WizerError(`the component's \`${name}\` export is not a function`);
  }
  return {
    removed: exported.index,
    redirect: exported.target,
    entry: { section: exported.section, ...exported.range },
  };
}

/** Edits, by section index, that remove the export entry and renumber every later use. */
function removalEdits(
  bytes: Uint8Array,
  parsed: ParsedComponent,
  removal: Removal,
): Map<number, Edit[]> {
  const edits = new Map<number, Edit[]>();
  const add = (section: number, edit: Edit) => {
    const list = edits.get(section);
    if (list === undefined) edits.set(section, [edit]);
    else list.push(edit);
  };
  const { entry } = removal;
  for (const ref of parsed.funcRefs) {
    if (ref.section === entry.section && ref.start >= entry.start && ref.end <= entry.end) continue;
    const index = renumber(ref.index, removal);
    if (index !== ref.index)
      add(ref.section, { start: ref.start, end: ref.end, bytes: u32Bytes(index) });
  }
  const section = parsed.sections[entry.section]!;
  const count = section.count!;
  const r = new BinaryReader(bytes, count.start, count.end);
  add(entry.section, { ...count, bytes: u32Bytes(r.u32() - 1) });
  add(entry.section, { start: entry.start, end: entry.end, bytes: new Uint8Array(0) });
  return edits;
}

/** The section payload with `edits` (non-overlapping) applied. */
function applyEdits(bytes: Uint8Array, section: ComponentSection, edits: Edit[]): Uint8Array {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const chunks: Uint8Array[] = [];
  let at = section.payloadStart;
  for (const edit of sorted) {
    chunks.push(bytes.subarray(at, edit.start), edit.bytes);
    at = edit.end;
  }
  chunks.push(bytes.subarray(at, section.end));
  return concatChunks(chunks);
}

/**
 * The `component-name` section with the removed function's name dropped and later function
 * indices moved down; undefined to keep the section as is (no function names, or a name section
 * we cannot read: engines ignore malformed name sections, so we leave it alone).
 */
function renumberNames(
  bytes: Uint8Array,
  section: ComponentSection,
  removal: Removal,
): Uint8Array | undefined {
  try {
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    r.name();
    const chunks: Uint8Array[] = [bytes.subarray(section.payloadStart, r.pos)];
    let changed = false;
    while (!r.eof) {
      const start = r.pos;
      const id = r.u8();
      const size = r.u32();
      const body = r.sub(size);
      if (id !== 1 || readSort(body) !== 'func') {
        chunks.push(bytes.subarray(start, body.end));
        continue;
      }
      const sink = new ByteSink();
      sink.bytes(bytes.subarray(body.pos - 1, body.pos)); // the `func` sort byte
      const names: [number, Uint8Array][] = [];
      for (let n = body.u32(); n > 0; n--) {
        const index = body.u32();
        const nameStart = body.pos;
        body.name();
        if (index === removal.removed) continue;
        const renumbered = index > removal.removed ? index - 1 : index;
        names.push([renumbered, bytes.subarray(nameStart, body.pos)]);
      }
      if (!body.eof) return undefined;
      sink.u32(names.length);
      for (const [index, name] of names) sink.u32(index).bytes(name);
      const subsection = sink.view();
      chunks.push(
        new ByteSink(6).byte(id).u32(subsection.length).view().slice(),
        subsection.slice(),
      );
      changed = true;
    }
    return changed ? concatChunks(chunks) : undefined;
  } catch {
    return undefined;
  }
}
