/**
 * Escaping of guest output that a CI runner could read as workflow commands. GitHub's runner
 * treats stdout/stderr lines starting with `::` (or the legacy `##[`) as commands: a module run
 * with inherited stdio could add masks or annotations. `::stop-commands::` does not help, because
 * the runner reads the two streams on separate threads, so a resume token on one stream can
 * overtake guest text on the other. Instead every guest line that could parse as a command gets a
 * zero-width space in front, which the runner does not trim and a reader does not see.
 */

const ZERO_WIDTH_SPACE = '\u200b';
/** A line whose first non-blank character is `:` or `#` might become a command. */
const COMMAND_START = /(^|\n)([ \t]*)([:#])/g;

/**
 * Escapes lines of `text` that could be commands. `lineBlank` says whether the text continues a
 * line that so far holds only blanks (true at the start of a line), so that a command split
 * across writes is caught too. Escaping every line that starts with `:` or `#` over-approximates
 * `::` and `##[` on purpose: the first character alone may arrive in one write.
 */
export function neutraliseCommands(text: string, lineBlank: boolean): string {
  return text.replace(
    COMMAND_START,
    (whole, newline: string, indent: string, marker: string, offset: number) =>
      offset === 0 && newline === '' && !lineBlank
        ? whole
        : `${newline}${indent}${ZERO_WIDTH_SPACE}${marker}`,
  );
}

/** Whether the line in progress after `text` holds only blanks. */
export function endsWithBlankLine(text: string, lineBlank: boolean): boolean {
  const lastNewline = text.lastIndexOf('\n');
  const tail = text.slice(lastNewline + 1);
  return /^[ \t]*$/.test(tail) && (lastNewline >= 0 || lineBlank);
}

/** Escapes one stream's text, remembering where its current line stands across writes. */
export class CommandEscaper {
  private lineBlank = true;

  escape(bytes: Uint8Array): Uint8Array {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const escaped = neutraliseCommands(text, this.lineBlank);
    this.lineBlank = endsWithBlankLine(text, this.lineBlank);
    return escaped === text ? bytes : Buffer.from(escaped, 'utf8');
  }
}
