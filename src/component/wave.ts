/**
 * The init function as a WAVE call expression (`wasmtime wizer` 47+): `-f` may name a function
 * with arguments, `my:pkg/iface.add-string("hello", 3)` or `init()`. This file parses such an
 * expression, checks and converts its arguments against the parameter types into the JS values
 * jco's glue takes, and formats the function's results back as WAVE text.
 *
 * WAVE (WebAssembly Value Encoding, bytecodealliance/wasm-tools `crates/wasm-wave`), as read here:
 *
 * - `true`, `false`; integers in decimal without leading zeros (`-12`); floats (`1.5`, `-2e-3`,
 *   `nan`, `inf`, `-inf`);
 * - chars `'x'` and strings `"x"` with the escapes `\\ \' \" \t \n \r \u{1F600}` (a line feed
 *   must be escaped); multiline strings between `"""` lines, dedented by the closing line's
 *   indent;
 * - lists `[a, b]`, tuples `(a, b)`, records `{name: a, other: b}` (fields of option type may be
 *   left out, none left is `{:}`), flags `{read, write}` (none set is `{}`);
 * - variant and enum cases, options and results by label: `case`, `case(payload)`, `some(x)`,
 *   `none`, `ok`, `ok(x)`, `err(x)`; `some(x)` and `ok(x)` may be written `x` when x is not
 *   itself an option or a result. A case that spells a keyword (`true`, `false`, `some`, `none`,
 *   `ok`, `err`, `inf`, `nan`) is written with a leading `%` (`%none`). Labels are kebab-case
 *   words, each all lower or all upper case;
 * - trailing commas are allowed; spaces, tabs, line breaks and `//` comments between tokens;
 * - in a call, trailing arguments of option type may be left out (`none`).
 *
 * Results are written as `wasmtime run --invoke` (which `wasmtime wizer` uses) prints them: the
 * single result's value, or `()`.
 *
 * Values are parsed without types first (positions kept), then checked against the parameter
 * types when the binary says them; without a type, integers become numbers (BigInt beyond the
 * safe range), floats numbers and labels strings, and jco's glue does the rest.
 *
 * jco's JS shapes (jco 0.15 glue): s64/u64 BigInt, other integers and floats numbers, char and
 * string strings, `list<u8>` a Uint8Array, other lists and tuples arrays, records objects keyed by
 * camel-cased field names, flags objects of booleans keyed likewise, variants `{ tag, val }` with
 * the case's WIT name, enums the case's WIT name, `option<T>` the value or `undefined` (an option
 * directly inside an option is `{ tag: 'some', val } | { tag: 'none' }`), results
 * `{ tag: 'ok' | 'err', val }`, except a function's own result: its ok payload is returned and
 * its err payload thrown (we ask for no error wrapping).
 */
import { WizerError } from '../errors.js';
import type { ParsedComponent } from './binary.js';
import { jsName } from './glue.js';
import { findInitExport, type InitExport } from './init-func.js';

// --- types ------------------------------------------------------------------------------------

export type PrimitiveKind =
  | 'bool'
  | 's8'
  | 'u8'
  | 's16'
  | 'u16'
  | 's32'
  | 'u32'
  | 's64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string';

/** A component value type, as far as WAVE values need it. `unknown`: not known from the binary. */
export type WaveType =
  | { kind: PrimitiveKind }
  | { kind: 'list'; element: WaveType }
  | { kind: 'tuple'; types: WaveType[] }
  | { kind: 'record'; fields: { name: string; type: WaveType }[] }
  | { kind: 'variant'; cases: { name: string; type: WaveType | undefined }[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: WaveType }
  | { kind: 'result'; ok: WaveType | undefined; err: WaveType | undefined }
  | { kind: 'flags'; names: string[] }
  /** Handles, streams, futures, error contexts: no WAVE form. */
  | { kind: 'unsupported'; name: string }
  | { kind: 'unknown' };

/** The signature of a function, when the binary says it. */
export interface WaveSignature {
  params: { name: string; type: WaveType }[];
  result: WaveType | undefined;
}

const UNKNOWN: WaveType = { kind: 'unknown' };

// --- syntax tree ------------------------------------------------------------------------------

/** A parsed WAVE value, `at` its offset in the expression. */
export type WaveNode = { at: number } & (
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'char'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'list'; items: WaveNode[] }
  | { kind: 'tuple'; items: WaveNode[] }
  | { kind: 'record'; fields: { name: string; at: number; value: WaveNode }[] }
  | { kind: 'flags'; names: { name: string; at: number }[] }
  /** A case label, `escaped` when written with `%` (never a keyword then). */
  | { kind: 'label'; name: string; escaped: boolean; payload: WaveNode | undefined }
);

/** A parsed call expression. */
export interface WaveCall {
  /** The function's WIT item name, as `findInitExport` takes it. */
  name: string;
  /** Offset of the name in the expression. */
  nameAt: number;
  args: WaveNode[];
  /** The expression as given (for messages). */
  text: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  t: '\t',
  n: '\n',
  r: '\r',
};

/** A label: kebab-case words, each all lower case or all upper case (WIT identifiers). */
const LABEL =
  /^(%?)((?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:-(?:[a-z0-9]+|[A-Z0-9]+))*)(?![A-Za-z0-9])/;

const KEYWORDS = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);

/** Whether `-f`'s value is a call expression (has an argument list) rather than a bare name. */
export function isCallExpression(text: string): boolean {
  return text.includes('(');
}

/** An error in a call expression, naming the position (1-based column) and the expression. */
function syntaxError(text: string, at: number, message: string): WizerError {
  return new WizerError(`invalid init function call \`${text}\`: ${message} ${position(text, at)}`);
}

/** `at column 5`, or `at line 2, column 3` in a text of several lines (1-based). */
export function position(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return line === 1 ? `at column ${column}` : `at line ${line}, column ${column}`;
}

/** Values nest at most this deep (a bound on the parser's recursion). */
const MAX_DEPTH = 100;

class Parser {
  pos = 0;
  depth = 0;
  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): WizerError {
    return syntaxError(this.text, at, message);
  }

  /** Whitespace and `//` comments (to the end of the line). */
  skipSpace(): void {
    for (;;) {
      while (/^[ \t\n\r]$/.test(this.text.charAt(this.pos))) this.pos++;
      if (!this.text.startsWith('//', this.pos)) return;
      const lf = this.text.indexOf('\n', this.pos);
      this.pos = lf < 0 ? this.text.length : lf + 1;
    }
  }

  peek(): string {
    this.skipSpace();
    return this.text.charAt(this.pos);
  }

  describe(at = this.pos): string {
    const c = this.text.charAt(at);
    return c === '' ? 'end of input' : `\`${c}\``;
  }

  expect(c: string): void {
    if (this.peek() !== c) throw this.fail(`expected \`${c}\`, found ${this.describe()}`);
    this.pos++;
  }

  /** A comma-separated sequence up to `close` (trailing comma allowed). */
  sequence<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    for (;;) {
      if (this.peek() === close) break;
      items.push(item());
      const next = this.peek();
      if (next === ',') this.pos++;
      else if (next !== close) {
        throw this.fail(`expected \`,\` or \`${close}\`, found ${this.describe()}`);
      }
    }
    this.pos++;
    return items;
  }

  label(): { name: string; escaped: boolean; at: number } {
    this.skipSpace();
    const at = this.pos;
    const m = LABEL.exec(this.text.slice(at));
    if (m === null) {
      const word = /^%?[A-Za-z0-9][A-Za-z0-9-]*/.exec(this.text.slice(at))?.[0];
      if (word === undefined) throw this.fail(`expected a label, found ${this.describe()}`);
      throw this.fail(
        `invalid label \`${word}\` (kebab-case words, each all lower or all upper case)`,
      );
    }
    this.pos += m[0].length;
    return { name: m[2] ?? '', escaped: m[1] === '%', at };
  }

  value(): WaveNode {
    if (this.depth >= MAX_DEPTH) throw this.fail(`values nest more than ${MAX_DEPTH} deep`);
    this.depth++;
    try {
      return this.valueAt();
    } finally {
      this.depth--;
    }
  }

  valueAt(): WaveNode {
    const c = this.peek();
    const at = this.pos;
    if (c === '[') {
      this.pos++;
      return { kind: 'list', at, items: this.sequence(']', () => this.value()) };
    }
    if (c === '(') {
      this.pos++;
      const items = this.sequence(')', () => this.value());
      if (items.length === 0) throw this.fail('a tuple needs at least one value', at);
      return { kind: 'tuple', at, items };
    }
    if (c === '{') return this.braces();
    if (c === '"') return { kind: 'string', at, value: this.quoted('"') };
    if (c === "'") {
      const value = this.quoted("'");
      if ([...value].length !== 1)
        throw this.fail('a char literal holds exactly one character', at);
      return { kind: 'char', at, value };
    }
    if (c === '-' || /[0-9]/.test(c)) {
      const rest = this.text.slice(at);
      if (rest.startsWith('-inf') && !/[A-Za-z0-9-]/.test(rest.charAt(4))) {
        this.pos += 4;
        return { kind: 'number', at, text: '-inf' };
      }
      const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(rest);
      if (m === null || /[A-Za-z0-9_.]/.test(rest.charAt(m[0].length))) {
        throw this.fail('invalid number');
      }
      this.pos += m[0].length;
      return { kind: 'number', at, text: m[0] };
    }
    if (c === '%' || /[A-Za-z]/.test(c)) {
      const { name, escaped } = this.label();
      if (!escaped && (name === 'true' || name === 'false')) {
        return { kind: 'bool', at, value: name === 'true' };
      }
      let payload: WaveNode | undefined;
      if (this.peek() === '(') {
        this.pos++;
        payload = this.value();
        this.expect(')');
      }
      return { kind: 'label', at, name, escaped, payload };
    }
    throw this.fail(`expected a value, found ${this.describe()}`);
  }

  /** `{}` and `{a, b}` are flags, `{:}` and `{a: x}` records. */
  braces(): WaveNode {
    const at = this.pos;
    this.pos++;
    if (this.peek() === ':') {
      this.pos++;
      this.expect('}');
      return { kind: 'record', at, fields: [] };
    }
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'flags', at, names: [] };
    }
    const first = this.label();
    if (this.peek() === ':') {
      this.pos = first.at;
      const fields = this.sequence('}', () => {
        const field = this.label();
        this.expect(':');
        return { name: field.name, at: field.at, value: this.value() };
      });
      return { kind: 'record', at, fields };
    }
    this.pos = first.at;
    const names = this.sequence('}', () => {
      const flag = this.label();
      return { name: flag.name, at: flag.at };
    });
    return { kind: 'flags', at, names };
  }

  /** A char or string literal with WAVE escapes (a string may be multiline: `"""`). */
  quoted(quote: '"' | "'"): string {
    if (quote === '"' && this.text.startsWith('"""', this.pos)) return this.multiline();
    const at = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text.charAt(this.pos);
      if (c === '') throw this.fail('unterminated literal', at);
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === '\n') throw this.fail('a line break must be escaped');
      out += c === '\\' ? this.escape() : this.codePoint();
    }
  }

  /** One character (a whole code point) of the text. */
  codePoint(): string {
    const cp = this.text.codePointAt(this.pos) ?? 0;
    this.pos += cp > 0xffff ? 2 : 1;
    return String.fromCodePoint(cp);
  }

  /** An escape sequence at `\`: `\\ \' \" \t \n \r \u{...}`. */
  escape(): string {
    const at = this.pos;
    const e = this.text.charAt(this.pos + 1);
    this.pos += 2;
    const simple = ESCAPES[e];
    if (simple !== undefined) return simple;
    const m = e === 'u' ? /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.text.slice(this.pos)) : null;
    if (m === null) throw this.fail('invalid escape', at);
    const cp = parseInt(m[1] ?? '', 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw this.fail('invalid Unicode scalar value in escape', at);
    }
    this.pos += m[0].length;
    return String.fromCodePoint(cp);
  }

  /**
   * A multiline string: `"""`, a line break, lines, a line break, spaces, `"""`. The spaces
   * before the closing `"""` are the indent every line starts with and loses; line breaks
   * between lines become `\n`.
   */
  multiline(): string {
    const at = this.pos;
    const open = /^"""\r?\n/.exec(this.text.slice(at));
    if (open === null) throw this.fail('a multiline string starts with `"""` and a line break', at);
    const start = at + open[0].length;
    // The closing line break may be the opening one (an empty string).
    const close = /\r?\n( *)"""/g;
    close.lastIndex = at + 3;
    const end = close.exec(this.text);
    if (end === null) throw this.fail('unterminated multiline string', at);
    this.pos = end.index + end[0].length;
    if (end.index < start) return '';
    const after = this.pos;
    const indent = ' '.repeat(end[1]?.length ?? 0);
    const lines: string[] = [];
    for (let lineStart = start; ;) {
      const lf = this.text.indexOf('\n', lineStart);
      const last = lf < 0 || lf >= end.index;
      // A literal CR before a line break is part of the line break.
      let lineEnd = last ? end.index : lf;
      if (this.text.charAt(lineEnd - 1) === '\r' && lineEnd > lineStart) lineEnd--;
      if (!this.text.startsWith(indent, lineStart) && lineEnd > lineStart) {
        throw this.fail(`each line of a multiline string must start with its indent`, lineStart);
      }
      this.pos = Math.min(lineStart + indent.length, lineEnd);
      let out = '';
      while (this.pos < lineEnd) {
        if (this.text.startsWith('"""', this.pos)) {
          throw this.fail('`"""` must be broken up by an escape in a multiline string');
        }
        out += this.text.charAt(this.pos) === '\\' ? this.escape() : this.codePoint();
      }
      lines.push(out);
      if (last) break;
      lineStart = lf + 1;
    }
    this.pos = after;
    return lines.join('\n');
  }
}

/** Parses one WAVE value (the whole text). */
export function parseWaveValue(text: string): WaveNode {
  const p = new Parser(text);
  const value = p.value();
  if (p.peek() !== '') throw p.fail(`unexpected ${p.describe()} after the value`);
  return value;
}

/** Parses a call expression: a WIT item name, then `(` arguments `)`. */
export function parseCallExpression(text: string): WaveCall {
  const p = new Parser(text);
  p.skipSpace();
  const nameAt = p.pos;
  const open = text.indexOf('(');
  const name = text.slice(p.pos, open < 0 ? text.length : open).trim();
  if (name === '') throw p.fail('expected a function name');
  if (open < 0) throw p.fail('expected `(`', text.length);
  p.pos = open + 1;
  const args = p.sequence(')', () => p.value());
  if (p.peek() !== '') throw p.fail(`unexpected ${p.describe()} after the call`);
  return { name, nameAt, args, text };
}

/**
 * The function a call expression names (see `findInitExport`), or its error with the position
 * of the name in the expression.
 */
export function findCallExport(parsed: ParsedComponent, call: WaveCall): InitExport {
  try {
    return findInitExport(parsed, call.name);
  } catch (error) {
    if (!(error instanceof WizerError)) throw error;
    const message = error.message.replace(/\.$/, '');
    throw new WizerError(
      `invalid init function call \`${call.text}\`: ${message} ${position(call.text, call.nameAt)}`,
      { cause: error.cause },
    );
  }
}

// --- WAVE -> JS ---------------------------------------------------------------------------------

const INT_RANGES: Partial<Record<PrimitiveKind, [bigint, bigint]>> = {
  s8: [-(1n << 7n), (1n << 7n) - 1n],
  u8: [0n, (1n << 8n) - 1n],
  s16: [-(1n << 15n), (1n << 15n) - 1n],
  u16: [0n, (1n << 16n) - 1n],
  s32: [-(1n << 31n), (1n << 31n) - 1n],
  u32: [0n, (1n << 32n) - 1n],
  s64: [-(1n << 63n), (1n << 63n) - 1n],
  u64: [0n, (1n << 64n) - 1n],
};

/** Describes a type in WIT syntax for messages. */
export function typeName(type: WaveType): string {
  switch (type.kind) {
    case 'list':
      return `list<${typeName(type.element)}>`;
    case 'tuple':
      return `tuple<${type.types.map(typeName).join(', ')}>`;
    case 'option':
      return `option<${typeName(type.type)}>`;
    case 'result':
      if (type.ok === undefined && type.err === undefined) return 'result';
      return `result<${type.ok === undefined ? '_' : typeName(type.ok)}${type.err === undefined ? '' : `, ${typeName(type.err)}`}>`;
    case 'unsupported':
      return type.name;
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags':
      return type.kind;
    default:
      return type.kind;
  }
}

function describeNode(node: WaveNode): string {
  switch (node.kind) {
    case 'label':
      return `\`${node.escaped ? '%' : ''}${node.name}\``;
    case 'number':
      return `\`${node.text}\``;
    default:
      return `a ${node.kind}`;
  }
}

/** Whether `node` is written the way values of `type` are (not whether it fits the type). */
function fitsKind(node: WaveNode, type: WaveType): boolean {
  switch (type.kind) {
    case 'unknown':
      return true;
    case 'unsupported':
      return false;
    case 'f32':
    case 'f64':
      return node.kind === 'number' || isCase(node, 'nan', 'inf');
    case 'list':
    case 'tuple':
    case 'record':
    case 'flags':
    case 'bool':
    case 'char':
    case 'string':
      return node.kind === type.kind;
    case 'enum':
    case 'variant':
    case 'option':
    case 'result':
      return node.kind === 'label';
    default:
      return node.kind === 'number';
  }
}

/** Whether `node` is an unescaped case label named `a` or `b` (`some`/`none`, `ok`/`err`). */
function isCase(node: WaveNode, a: string, b: string): node is WaveNode & { kind: 'label' } {
  return node.kind === 'label' && !node.escaped && (node.name === a || node.name === b);
}

class Converter {
  constructor(readonly text: string) {}

  mismatch(node: WaveNode, type: WaveType, why?: string): WizerError {
    return syntaxError(
      this.text,
      node.at,
      why ?? `expected a value of type \`${typeName(type)}\`, found ${describeNode(node)}`,
    );
  }

  /** A WIT-named item of `names`, or a mismatch. */
  caseOf(node: WaveNode & { kind: 'label' }, names: readonly string[], type: WaveType): string {
    if (!node.escaped && KEYWORDS.has(node.name)) throw this.mismatch(node, type);
    if (!names.includes(node.name)) {
      throw this.mismatch(
        node,
        type,
        `\`${node.name}\` is not a case of \`${typeName(type)}\` (${names.map((n) => `\`${n}\``).join(', ')})`,
      );
    }
    return node.name;
  }

  convert(node: WaveNode, type: WaveType): unknown {
    switch (type.kind) {
      case 'unknown':
        return this.untyped(node);
      case 'unsupported':
        throw this.mismatch(node, type, `values of type \`${type.name}\` have no WAVE form`);
      case 'bool':
        if (node.kind !== 'bool') throw this.mismatch(node, type);
        return node.value;
      case 'f32':
      case 'f64':
        return this.float(node, type);
      case 'char':
        if (node.kind !== 'char') throw this.mismatch(node, type);
        return node.value;
      case 'string':
        if (node.kind !== 'string') throw this.mismatch(node, type);
        return node.value;
      case 'list': {
        if (node.kind !== 'list') throw this.mismatch(node, type);
        const items = node.items.map((item) => this.convert(item, type.element));
        return type.element.kind === 'u8' ? Uint8Array.from(items as number[]) : items;
      }
      case 'tuple': {
        if (node.kind !== 'tuple') throw this.mismatch(node, type);
        if (node.items.length !== type.types.length) {
          throw this.mismatch(
            node,
            type,
            `expected a tuple of ${type.types.length} values, found ${node.items.length}`,
          );
        }
        return node.items.map((item, i) => this.convert(item, type.types[i] ?? UNKNOWN));
      }
      case 'record':
        return this.record(node, type);
      case 'flags': {
        if (node.kind !== 'flags') throw this.mismatch(node, type);
        const out: Record<string, boolean> = {};
        for (const name of type.names) out[jsName(name)] = false;
        for (const flag of node.names) {
          if (!type.names.includes(flag.name)) {
            throw syntaxError(
              this.text,
              flag.at,
              `\`${flag.name}\` is not a flag of the type (${type.names.join(', ')})`,
            );
          }
          if (out[jsName(flag.name)] === true) {
            throw syntaxError(this.text, flag.at, `flag \`${flag.name}\` given twice`);
          }
          out[jsName(flag.name)] = true;
        }
        return out;
      }
      case 'enum':
        if (node.kind !== 'label' || node.payload !== undefined) throw this.mismatch(node, type);
        return this.caseOf(node, type.names, type);
      case 'variant': {
        if (node.kind !== 'label') throw this.mismatch(node, type);
        const tag = this.caseOf(
          node,
          type.cases.map((c) => c.name),
          type,
        );
        const payloadType = type.cases.find((c) => c.name === tag)?.type;
        return { tag, val: this.payload(node, payloadType, type) };
      }
      case 'option': {
        const flat = type.type.kind !== 'option' && type.type.kind !== 'result';
        if (!isCase(node, 'some', 'none')) {
          // `some(x)` may be written `x` when x is not an option or a result.
          if (!flat) throw this.mismatch(node, type);
          return this.convertFlat(node, type.type, type);
        }
        const some = node.name === 'some';
        const val = this.payload(node, some ? type.type : undefined, type);
        // jco tags an option only when its payload is an option itself.
        if (type.type.kind === 'option') return some ? { tag: 'some', val } : { tag: 'none' };
        return some ? val : undefined;
      }
      case 'result': {
        if (!isCase(node, 'ok', 'err')) {
          // `ok(x)` may be written `x` when x is not an option or a result.
          const ok = type.ok;
          if (ok === undefined || ok.kind === 'option' || ok.kind === 'result') {
            throw this.mismatch(node, type);
          }
          return { tag: 'ok', val: this.convertFlat(node, ok, type) };
        }
        const tag = node.name;
        return { tag, val: this.payload(node, tag === 'ok' ? type.ok : type.err, type) };
      }
      default:
        return this.integer(node, type);
    }
  }

  /** A flat option or result payload; a value of another kind names the outer type. */
  convertFlat(node: WaveNode, type: WaveType, outer: WaveType): unknown {
    if (!fitsKind(node, type)) throw this.mismatch(node, outer);
    return this.convert(node, type);
  }

  payload(
    node: WaveNode & { kind: 'label' },
    type: WaveType | undefined,
    outer: WaveType,
  ): unknown {
    if (type === undefined) {
      if (node.payload !== undefined) {
        throw this.mismatch(node.payload, outer, `case \`${node.name}\` takes no payload`);
      }
      return undefined;
    }
    if (node.payload === undefined) {
      throw this.mismatch(
        node,
        outer,
        `case \`${node.name}\` needs a payload of type \`${typeName(type)}\``,
      );
    }
    return this.convert(node.payload, type);
  }

  record(node: WaveNode, type: WaveType & { kind: 'record' }): Record<string, unknown> {
    // An empty record is `{:}`; `{}` is an empty flags value.
    const fields = node.kind === 'record' ? node.fields : undefined;
    if (fields === undefined) throw this.mismatch(node, type);
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const declared = type.fields.find((f) => f.name === field.name);
      if (declared === undefined) {
        throw syntaxError(
          this.text,
          field.at,
          `the record has no field \`${field.name}\` (fields: ${type.fields.map((f) => f.name).join(', ')})`,
        );
      }
      if (jsName(field.name) in out) {
        throw syntaxError(this.text, field.at, `field \`${field.name}\` given twice`);
      }
      out[jsName(field.name)] = this.convert(field.value, declared.type);
    }
    for (const f of type.fields) {
      if (jsName(f.name) in out) continue;
      if (f.type.kind !== 'option') {
        throw syntaxError(this.text, node.at, `the record is missing field \`${f.name}\``);
      }
      out[jsName(f.name)] = undefined;
    }
    return out;
  }

  integer(node: WaveNode, type: { kind: PrimitiveKind }): number | bigint {
    const range = INT_RANGES[type.kind];
    if (node.kind !== 'number' || range === undefined || !/^-?[0-9]+$/.test(node.text)) {
      throw this.mismatch(node, type);
    }
    const value = BigInt(node.text);
    if (value < range[0] || value > range[1]) {
      throw this.mismatch(
        node,
        type,
        `\`${node.text}\` is out of range for \`${type.kind}\` (${range[0]}..=${range[1]})`,
      );
    }
    return type.kind === 's64' || type.kind === 'u64' ? value : Number(value);
  }

  float(node: WaveNode, type: { kind: PrimitiveKind }): number {
    if (node.kind === 'label' && !node.escaped && node.payload === undefined) {
      if (node.name === 'nan') return NaN;
      if (node.name === 'inf') return Infinity;
    }
    if (node.kind !== 'number') throw this.mismatch(node, type);
    if (node.text === '-inf') return -Infinity;
    const value = type.kind === 'f32' ? Math.fround(Number(node.text)) : Number(node.text);
    if (!Number.isFinite(value)) {
      throw this.mismatch(node, type, `\`${node.text}\` is out of range for \`${type.kind}\``);
    }
    return value;
  }

  /** Without a type: the most likely JS shape. */
  untyped(node: WaveNode): unknown {
    switch (node.kind) {
      case 'bool':
      case 'char':
      case 'string':
        return node.value;
      case 'number': {
        if (node.text === '-inf') return -Infinity;
        if (!/^-?[0-9]+$/.test(node.text)) return Number(node.text);
        const value = BigInt(node.text);
        return Number.isSafeInteger(Number(value)) ? Number(value) : value;
      }
      case 'list':
      case 'tuple':
        return node.items.map((item) => this.untyped(item));
      case 'record':
        return Object.fromEntries(node.fields.map((f) => [jsName(f.name), this.untyped(f.value)]));
      case 'flags':
        return Object.fromEntries(node.names.map((f) => [jsName(f.name), true]));
      case 'label':
        if (!node.escaped && node.payload === undefined) {
          if (node.name === 'nan') return NaN;
          if (node.name === 'inf') return Infinity;
          if (node.name === 'none') return undefined;
        }
        if (node.payload === undefined) return node.escaped ? node.name : { tag: node.name };
        return { tag: node.name, val: this.untyped(node.payload) };
    }
  }
}

/**
 * The JS arguments of `call` for a function of `paramCount` parameters whose signature may be
 * known; a `WizerError` naming the position of the first argument that does not fit.
 */
export function callArguments(
  call: WaveCall,
  paramCount: number | undefined,
  signature: WaveSignature | undefined,
): unknown[] {
  const params = signature?.params;
  const count = params?.length ?? paramCount;
  // Trailing `option` arguments may be left out (they are `none`).
  let required = count;
  if (params !== undefined) {
    required = params.length;
    while (required > 0 && params[required - 1]?.type.kind === 'option') required--;
  }
  if (count !== undefined && (call.args.length > count || call.args.length < (required ?? count))) {
    const extra = call.args[count];
    throw syntaxError(
      call.text,
      extra?.at ?? call.text.lastIndexOf(')'),
      `\`${call.name}\` takes ${required !== undefined && required < count ? `${required} to ` : ''}${count} argument${count === 1 ? '' : 's'}, found ${call.args.length}`,
    );
  }
  const converter = new Converter(call.text);
  const args = call.args.map((arg, i) => converter.convert(arg, params?.[i]?.type ?? UNKNOWN));
  for (const param of params?.slice(args.length) ?? []) {
    args.push(
      param.type.kind === 'option' && param.type.type.kind === 'option'
        ? { tag: 'none' }
        : undefined,
    );
  }
  return args;
}

/** Parses and converts one WAVE value of `type` (the whole text). */
export function waveToJs(text: string, type: WaveType): unknown {
  return new Converter(text).convert(parseWaveValue(text), type);
}

// --- JS -> WAVE ---------------------------------------------------------------------------------

function escapeChar(c: string): string {
  const simple = { '\\': '\\\\', '"': '\\"', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r' }[c];
  if (simple !== undefined) return simple;
  const cp = c.codePointAt(0) ?? 0;
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? `\\u{${cp.toString(16)}}` : c;
}

function quote(text: string, q: '"' | "'"): string {
  return `${q}${[...text].map(escapeChar).join('')}${q}`;
}

function label(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}

/** Shortest decimal that reads back as the same f32 or f64, without an exponent. */
function formatFloat(value: number, f32: boolean): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Object.is(value, -0)) return '-0';
  let shortest = value;
  if (f32) {
    for (let p = 1; p <= 9; p++) {
      const candidate = Number(value.toPrecision(p));
      if (Math.fround(candidate) === value) {
        shortest = candidate;
        break;
      }
    }
  }
  return plainDecimal(String(shortest));
}

/** `1.5e+21` -> `1500000000000000000000`, `2.5e-7` -> `0.00000025`. */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m === null) return text;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Whether a JS value of an option type is `none` (jco's shapes, see the file header). */
function isNone(value: unknown, type: WaveType & { kind: 'option' }): boolean {
  if (type.type.kind === 'option') return tagged(value)?.tag !== 'some';
  return value === undefined || value === null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function tagged(value: unknown): { tag: string; val: unknown } | undefined {
  return isRecord(value) && typeof value.tag === 'string'
    ? { tag: value.tag, val: value.val }
    : undefined;
}

/** Formats a JS value jco's glue returned as WAVE text of `type`. */
export function formatWave(value: unknown, type: WaveType = UNKNOWN): string {
  switch (type.kind) {
    case 'bool':
      return value === true ? 'true' : 'false';
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
    case 's64':
    case 'u64':
      return String(value);
    case 'f32':
    case 'f64':
      return formatFloat(Number(value), type.kind === 'f32');
    case 'char':
      return quote(String(value), "'");
    case 'string':
      return quote(String(value), '"');
    case 'list':
      return `[${Array.from(value as ArrayLike<unknown>, (v) => formatWave(v, type.element)).join(', ')}]`;
    case 'tuple':
      return `(${type.types.map((t, i) => formatWave((value as unknown[])[i], t)).join(', ')})`;
    case 'record': {
      // Fields whose value is `none` are left out; with none left the record is `{:}`.
      const object = isRecord(value) ? value : {};
      const fields = type.fields
        .map((f) => ({ f, v: object[jsName(f.name)] }))
        .filter(({ f, v }) => !(f.type.kind === 'option' && isNone(v, f.type)))
        .map(({ f, v }) => `${f.name}: ${formatWave(v, f.type)}`);
      return fields.length === 0 ? '{:}' : `{${fields.join(', ')}}`;
    }
    case 'flags': {
      const object = isRecord(value) ? value : {};
      return `{${type.names
        .filter((n) => object[jsName(n)] === true)

        .join(', ')}}`;
    }
    case 'enum':
      return label(String(value));
    case 'variant': {
      const t = tagged(value);
      const payload = type.cases.find((c) => c.name === t?.tag)?.type;
      const name = label(t?.tag ?? '');
      return payload === undefined ? name : `${name}(${formatWave(t?.val, payload)})`;
    }
    case 'option': {
      if (type.type.kind === 'option') {
        const t = tagged(value);
        return t?.tag === 'some' ? `some(${formatWave(t.val, type.type)})` : 'none';
      }
      return value === undefined || value === null
        ? 'none'
        : `some(${formatWave(value, type.type)})`;
    }
    case 'result': {
      const t = tagged(value);
      const tag = t?.tag === 'err' ? 'err' : 'ok';
      const payload = tag === 'ok' ? type.ok : type.err;
      return payload === undefined ? tag : `${tag}(${formatWave(t?.val, payload)})`;
    }
    case 'unknown':
    case 'unsupported':
      return formatUntyped(value);
  }
}

/** Formats a JS value of unknown type by its shape. */
function formatUntyped(value: unknown): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Object.is(value, -0)
      ? String(value)
      : formatFloat(value, false);
  }
  if (typeof value === 'string') return quote(value, '"');
  if (value === undefined || value === null) return 'none';
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<unknown>, formatUntyped).join(', ')}]`;
  }
  const t = tagged(value);
  if (t !== undefined) {
    // Without a type, `ok`/`err`/`some`/`none` are most likely a result's or an option's.
    const name = /^(ok|err|some|none)$/.test(t.tag) ? t.tag : label(t.tag);
    return t.val === undefined ? name : `${name}(${formatUntyped(t.val)})`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{:}';
    return `{${entries.map(([k, v]) => `${kebab(k)}: ${formatUntyped(v)}`).join(', ')}}`;
  }
  return quote(String(value), '"');
}

/** jco's camel-cased name back to kebab case (`addString` -> `add-string`). */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The results of a call as `wasmtime wizer` (through `wasmtime run --invoke`) prints them: the
 * WAVE text of the single result, `()` for a function without one. `err` is the payload an init
 * whose result type is a `result` threw (jco's glue throws a function's err payload).
 */
export function formatResults(
  signature: WaveSignature | undefined,
  outcome: { value: unknown } | { err: unknown },
): string {
  const type = signature?.result;
  if ('err' in outcome) {
    const err = type?.kind === 'result' ? type.err : UNKNOWN;
    return err === undefined ? 'err' : `err(${formatWave(outcome.err, err)})`;
  }
  if (type?.kind === 'result') {
    return type.ok === undefined ? 'ok' : `ok(${formatWave(outcome.value, type.ok)})`;
  }
  if (type === undefined && (signature !== undefined || outcome.value === undefined)) return '()';
  return formatWave(outcome.value, type);
}
