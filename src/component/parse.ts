/**
 * Component phase 1: parse. Walks a component binary section by section and describes what the
 * rest of the component pipeline needs: where each core module sits and which core instance
 * instantiates it, the core instances in instantiation order, imports and exports, nested
 * components, and the component function index space (imports of funcs, aliases of instance
 * exports of sort func, `canon lift`, exports of funcs), with every use of a function index so
 * `rewriteComponent` can renumber them. Nothing is copied: all positions are ranges of the input.
 *
 * The refusals are upstream's (`wasmtime wizer`, crates/wizer/src/component/parse.rs), checked
 * in upstream's order. Upstream first validates the whole binary and scans every core module's
 * code for unsupported operators, then parses. So here the input is decoded completely first (a
 * malformed byte anywhere wins over any refusal), `beforeRefusals` gets every core module (nested
 * ones too) for validation and the operator scan, and then the walk is replayed in byte order:
 * the first refusal is thrown, and `onModule` sees each top-level core module at the point where
 * upstream runs its core parse on it (the `__wizer_` name checks).
 *
 *     (component
 *       (core module $m ...)                       ;; module 0, bytes [a, b)
 *       (core instance $i (instantiate $m))        ;; core instance 0 <- module 0
 *       (func $init (canon lift (core func $i "init")))   ;; func 0 (lift)
 *       (export "wizer-initialize" (func $init)))  ;; func 1 (export of func 0)
 */
import { WasmDecodeError, WizerError } from '../errors.js';
import { readPreamble } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import {
  ComponentSectionId,
  type ComponentSection,
  type CoreModuleInfo,
  type NestedComponentInfo,
  type ParsedComponent,
} from './binary.js';
import {
  readAlias,
  readCanon,
  readCoreInstance,
  readExport,
  readImport,
  readInstance,
} from './entries.js';
import { funcShape, resolveType } from './resolve.js';
import { checkDepth, readComponentType, skipCoreType } from './type-section.js';
import {
  checkIndex,
  count,
  countRefused,
  funcRef,
  newScope,
  Steps,
  unsupportedKind,
  type Scope,
} from './scope.js';

/** A component feature that upstream's component wizening refuses, with upstream's message. */
export class ComponentRefusal extends WizerError {
  override name = 'ComponentRefusal';
}

export interface ParseComponentOptions {
  /**
   * Called once the whole binary is decoded and before any refusal, with every core module in
   * byte order (those of nested components too), for the checks upstream runs on the whole
   * binary before its component parse: validation and the scan for unsupported operators.
   */
  beforeRefusals?: (modules: Uint8Array[]) => void;
  /**
   * Called for each core module of the top-level component, in module order, at the point of
   * the walk where upstream parses it with its core parser; a refusal it throws comes before any
   * component refusal found later in the binary, as upstream's would.
   */
  onModule?: (module: CoreModuleInfo, bytes: Uint8Array) => void;
}

const SECTION_NAMES: Readonly<Record<number, string>> = {
  0: 'custom',
  1: 'core module',
  2: 'core instance',
  3: 'core type',
  4: 'component',
  5: 'instance',
  6: 'alias',
  7: 'type',
  8: 'canonical function',
  9: 'component start',
  10: 'component import',
  11: 'component export',
};

/**
 * Parses a component binary (see the file header). Throws `WasmDecodeError` (with the offset) for
 * malformed input and `ComponentRefusal` for what upstream's component wizening refuses.
 */
export function parseComponent(
  bytes: Uint8Array,
  options: ParseComponentOptions = {},
): ParsedComponent {
  if (readPreamble(bytes) === 'module') {
    throw new WizerError('expected a component, found a core module');
  }
  const steps = new Steps();
  const scope = walk(bytes, 0, bytes.length, 0, steps);
  options.beforeRefusals?.(steps.allModules.map((m) => bytes.subarray(m.start, m.end)));
  for (const step of steps.list) {
    if (step.kind === 'refuse') throw new ComponentRefusal(step.message);
    const { range } = step.module;
    options.onModule?.(step.module, bytes.subarray(range.start, range.end));
  }
  return {
    bytes,
    sections: scope.sections,
    modules: scope.modules,
    coreInstances: scope.coreInstances,
    imports: scope.imports,
    exports: scope.exports,
    components: scope.components,
    funcs: scope.funcs,
    instances: scope.instances,
    types: scope.types,
    funcRefs: scope.funcRefs,
    coreFuncs: scope.coreFuncs,
    coreTypeCount: scope.coreTypeCount,
  };
}

/** Walks the sections of the component whose preamble starts at `start`. */
function walk(bytes: Uint8Array, start: number, end: number, depth: number, steps: Steps): Scope {
  const scope = newScope(bytes, depth === 0);
  const r = new BinaryReader(bytes, start + 8, end);
  if (depth > 0) checkPreamble(bytes, start, end, 'component');
  checkDepth(r, depth);
  while (!r.eof) {
    const sectionStart = r.pos;
    const id = r.u8();
    const size = r.u32();
    const payloadStart = r.pos;
    if (payloadStart + size > end) throw r.error('unexpected end-of-file', payloadStart);
    if (id > ComponentSectionId.Export) {
      throw r.error(`malformed section id: ${id}`, sectionStart);
    }
    const section: ComponentSection = {
      id,
      start: sectionStart,
      payloadStart,
      end: payloadStart + size,
      index: scope.sections.length,
    };
    scope.sections.push(section);
    const sr = new BinaryReader(bytes, payloadStart, section.end);
    readSection(scope, section, sr, depth, steps);
    if (!sr.eof) {
      throw sr.error(
        `unexpected data at the end of the ${SECTION_NAMES[id] ?? ''} section`.replace('  ', ' '),
      );
    }
    r.pos = section.end;
  }
  return scope;
}

function checkPreamble(bytes: Uint8Array, start: number, end: number, kind: string): void {
  const expected =
    kind === 'component'
      ? [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]
      : [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
  if (end - start < 8) throw new WasmDecodeError('unexpected end-of-file', start);
  for (let i = 0; i < 8; i++) {
    if (bytes[start + i] !== expected[i]) {
      throw new WasmDecodeError(
        `expected a ${kind === 'component' ? 'component' : 'core module'} preamble`,
        start,
      );
    }
  }
}

function readSection(
  scope: Scope,
  section: ComponentSection,
  r: BinaryReader,
  depth: number,
  steps: Steps,
): void {
  switch (section.id) {
    case ComponentSectionId.Custom:
      section.customName = r.name();
      r.pos = r.end;
      return;
    case ComponentSectionId.CoreModule:
      r.pos = r.end;
      return moduleSection(scope, section, steps);
    case ComponentSectionId.CoreInstance:
      return coreInstanceSection(scope, section, r, steps);
    case ComponentSectionId.CoreType:
      for (let n = count(section, r); n > 0; n--) {
        skipCoreType(r);
        scope.coreTypeCount++;
      }
      return;
    case ComponentSectionId.Component:
      r.pos = r.end;
      return componentSection(scope, section, depth, steps);
    case ComponentSectionId.Instance:
      return instanceSection(scope, section, r);
    case ComponentSectionId.Alias:
      return aliasSection(scope, section, r, steps);
    case ComponentSectionId.Type:
      for (let n = count(section, r); n > 0; n--) {
        const lookup = (index: number) => resolveType(scope, index);
        scope.types.push({ kind: 'defined', summary: readComponentType(r, 0, lookup) });
      }
      return;
    case ComponentSectionId.Canon:
      return canonSection(scope, section, r);
    case ComponentSectionId.Start:
      // Decoded for its shape only: upstream refuses component start functions outright.
      r.u32();
      for (let n = r.u32(); n > 0; n--) r.u32();
      r.u32();
      steps.refuse('wizer does not currently support component start functions');
      return;
    case ComponentSectionId.Import:
      return importSection(scope, section, r, steps);
    case ComponentSectionId.Export:
      return exportSection(scope, section, r, steps);
  }
}

function moduleSection(scope: Scope, section: ComponentSection, steps: Steps): void {
  checkPreamble(scope.bytes, section.payloadStart, section.end, 'module');
  scope.containsModules = true;
  scope.moduleCount++;
  steps.allModules.push({ start: section.payloadStart, end: section.end });
  if (!scope.top) {
    steps.refuse('nested components with modules not currently supported');
    return;
  }
  const module: CoreModuleInfo = {
    index: scope.modules.length,
    section: section.index,
    range: { start: section.payloadStart, end: section.end },
    instance: undefined,
  };
  scope.modules.push(module);
  steps.module(module);
}

function coreInstanceSection(
  scope: Scope,
  section: ComponentSection,
  r: BinaryReader,
  steps: Steps,
): void {
  for (let n = count(section, r); n > 0; n--) {
    const start = r.pos;
    const entry = readCoreInstance(r);
    if (entry.kind === 'instantiate') {
      for (const arg of entry.args) checkIndex(scope, 'core instance', arg.instance, start);
    }
    const index = scope.coreInstanceCount++;
    if (!scope.top) continue;
    const range = { start, end: r.pos };
    if (entry.kind === 'instantiate') {
      checkIndex(scope, 'core module', entry.module, start);
      // Undefined for an imported or aliased module, refused before this point.
      const module = scope.modules[entry.module];
      if (module === undefined) {
        // Nothing to record.
      } else if (module.instance !== undefined) {
        steps.refuse('modules may be instantiated at most once');
      } else {
        module.instance = index;
      }
    }
    scope.coreInstances.push({ index, section: section.index, range, ...entry });
  }
}

function componentSection(
  scope: Scope,
  section: ComponentSection,
  depth: number,
  steps: Steps,
): void {
  const inner = walk(scope.bytes, section.payloadStart, section.end, depth + 1, steps);
  const containsModules = inner.containsModules || inner.components.some((c) => c.containsModules);
  const nested: NestedComponentInfo = {
    index: scope.componentCount++,
    section: section.index,
    range: { start: section.payloadStart, end: section.end },
    containsModules,
    imports: inner.imports.map(({ name, type }) => ({ name, type })),
    exports: inner.exports.map(({ name, sort, ascription, index }) => ({
      name,
      sort,
      ascription,
      funcType: sort === 'func' ? funcShape(inner, index) : undefined,
    })),
  };
  scope.components.push(nested);
}

function instanceSection(scope: Scope, section: ComponentSection, r: BinaryReader): void {
  for (let n = count(section, r); n > 0; n--) {
    const start = r.pos;
    const entry = readInstance(r);
    if (entry.kind === 'instantiate') checkIndex(scope, 'component', entry.component, start);
    const items = entry.kind === 'instantiate' ? entry.args : entry.exports;
    const holder = entry.kind === 'instantiate' ? 'instantiate argument' : 'inline export';
    for (const { item } of items) {
      checkIndex(scope, item.sort, item.at.index, item.at.start);
      if (item.sort === 'func') scope.funcRefs.push(funcRef(section, item.at, holder));
    }
    const list = items.map(({ name, item }) => ({ name, sort: item.sort, index: item.at.index }));
    scope.instances.push(
      entry.kind === 'instantiate'
        ? { kind: 'instantiate', component: entry.component, args: list }
        : { kind: 'exports', exports: list },
    );
  }
}

function aliasSection(
  scope: Scope,
  section: ComponentSection,
  r: BinaryReader,
  steps: Steps,
): void {
  for (let n = count(section, r); n > 0; n--) {
    const start = r.pos;
    const alias = readAlias(r);
    if (alias.kind === 'core export') {
      if (alias.sort === 'core func') {
        scope.coreFuncs.push({ kind: 'alias', instance: alias.instance, name: alias.name });
      }
      continue;
    }
    if (alias.kind === 'outer') {
      if (alias.sort === 'core type') scope.coreTypeCount++;
      else if (alias.sort === 'type') {
        scope.types.push({ kind: 'outer', count: alias.count, index: alias.index });
      } else {
        steps.refuse(unsupportedKind(alias.sort, 'aliases')!);
        countRefused(scope, alias.sort);
      }
      continue;
    }
    const refusal = unsupportedKind(alias.sort, 'aliases');
    if (refusal !== undefined) steps.refuse(refusal);
    countRefused(scope, alias.sort);
    const { instance, name } = alias;
    checkIndex(scope, 'instance', instance, start);
    if (alias.sort === 'func') scope.funcs.push({ kind: 'alias', instance, name });
    else if (alias.sort === 'instance') scope.instances.push({ kind: 'alias', instance, name });
    else if (alias.sort === 'type') scope.types.push({ kind: 'alias', instance, name });
  }
}

function canonSection(scope: Scope, section: ComponentSection, r: BinaryReader): void {
  for (let n = count(section, r); n > 0; n--) {
    const start = r.pos;
    const canon = readCanon(r);
    if (canon.kind === 'lift') {
      checkIndex(scope, 'core func', canon.coreFunc, start);
      checkIndex(scope, 'type', canon.typeIndex, start);
      scope.funcs.push({ kind: 'lift', coreFunc: canon.coreFunc, typeIndex: canon.typeIndex });
    } else {
      if (canon.kind === 'lower') {
        checkIndex(scope, 'func', canon.func.index, canon.func.start);
        scope.funcRefs.push(funcRef(section, canon.func, 'canon lower'));
        scope.coreFuncs.push({ kind: 'lower', func: canon.func.index });
      } else {
        scope.coreFuncs.push({ kind: 'builtin', opcode: canon.opcode });
      }
    }
  }
}

function importSection(
  scope: Scope,
  section: ComponentSection,
  r: BinaryReader,
  steps: Steps,
): void {
  for (let n = count(section, r); n > 0; n--) {
    const start = r.pos;
    const { name, type } = readImport(r);
    const refusal = unsupportedKind(type.sort, 'imports');
    if (refusal !== undefined) steps.refuse(refusal);
    countRefused(scope, type.sort);
    let index = -1;
    if (type.sort === 'func') {
      index = scope.funcs.push({ kind: 'import', name, typeIndex: type.typeIndex }) - 1;
    } else if (type.sort === 'instance') {
      index = scope.instances.push({ kind: 'import', name, typeIndex: type.typeIndex }) - 1;
    } else if (type.sort === 'type') {
      const typeIndex = type.bound === 'eq' ? type.typeIndex : undefined;
      index = scope.types.push({ kind: 'import', name, bound: type.bound, typeIndex }) - 1;
    }
    scope.imports.push({ name, type, index, section: section.index, range: { start, end: r.pos } });
  }
}

function exportSection(
  scope: Scope,
  section: ComponentSection,
  r: BinaryReader,
  steps: Steps,
): void {
  for (let n = count(section, r); n > 0; n--) {
    const start = r.pos;
    const { name, item, ascription } = readExport(r);
    const refusal = unsupportedKind(item.sort, 'exports');
    if (refusal !== undefined) steps.refuse(refusal);
    const target = item.at.index;
    checkIndex(scope, item.sort, target, item.at.start);
    countRefused(scope, item.sort);
    let index = -1;
    if (item.sort === 'func') {
      scope.funcRefs.push(funcRef(section, item.at, 'export'));
      index = scope.funcs.push({ kind: 'export', name, target }) - 1;
    } else if (item.sort === 'instance') {
      index = scope.instances.push({ kind: 'export', name, target, ascription }) - 1;
    } else if (item.sort === 'type') {
      index = scope.types.push({ kind: 'export', name, target, ascription }) - 1;
    }
    const range = { start, end: r.pos };
    scope.exports.push({
      name,
      sort: item.sort,
      target,
      ascription,
      index,
      section: section.index,
      range,
    });
  }
}
