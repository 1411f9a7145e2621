/**
 * A strict reader for the part of YAML that CI workflows and Kubernetes manifests use: block
 * mappings and sequences by indentation, `---` between documents, `|` and `>` block scalars,
 * quoted and plain scalars, flow sequences (`[1, 2]`) and comments. Anything else (tabs, anchors,
 * tags, flow mappings with content, a line it cannot place) is an error naming the line, so an
 * example that does not parse fails its test instead of passing with a wrong reading.
 */

interface Line {
  /** 1-based, for errors. */
  n: number;
  indent: number;
  text: string;
  raw: string;
}

export function parseYamlDocuments(source: string): unknown[] {
  const docs: string[][] = [[]];
  for (const raw of source.split('\n')) {
    if (/^---\s*$/.test(raw)) docs.push([]);
    else docs.at(-1)!.push(raw);
  }
  let offset = 0;
  const result: unknown[] = [];
  for (const doc of docs) {
    const lines = doc.map((raw, i) => toLine(raw, offset + i + 1));
    offset += doc.length + 1;
    const content = lines.filter((l) => l.text !== '');
    if (content.length === 0) continue;
    const parser = new Parser(lines);
    result.push(parser.document());
  }
  return result;
}

function toLine(raw: string, n: number): Line {
  if (/^\s*\t/.test(raw)) throw new Error(`line ${n}: a tab in the indentation`);
  const indent = raw.length - raw.trimStart().length;
  return { n, indent, text: stripComment(raw.trim()), raw };
}

function stripComment(text: string): string {
  if (text.startsWith('#')) return '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[,-]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text;
}

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  document(): unknown {
    this.skipBlank();
    const value = this.block(this.lines[this.i].indent);
    this.skipBlank();
    if (this.i < this.lines.length) throw new Error(`line ${this.lines[this.i].n}: unexpected indentation`);
    return value;
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && this.lines[this.i].text === '') this.i++;
  }

  private peek(): Line | undefined {
    this.skipBlank();
    return this.lines[this.i];
  }

  private block(indent: number): unknown {
    const line = this.peek()!;
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && isItem(line.text); line = this.peek()) {
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        const next = this.peek();
        if (!next || next.indent <= indent) items.push(null);
        else items.push(this.block(next.indent));
      } else if (keyOf(rest)) {
        // `- key: value`: a mapping whose first entry sits on the item's line.
        const column = line.indent + (line.text.length - rest.length);
        this.lines[this.i] = { ...line, indent: column, text: rest };
        items.push(this.mapping(column));
      } else {
        this.i++;
        items.push(scalar(rest, line.n));
      }
    }
    return items;
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent && !isItem(line.text); line = this.peek()) {
      const entry = keyOf(line.text);
      if (!entry) throw new Error(`line ${line.n}: expected "key: value", got ${JSON.stringify(line.text)}`);
      if (Object.hasOwn(map, entry.key)) throw new Error(`line ${line.n}: the key ${entry.key} appears twice`);
      this.i++;
      map[entry.key] = this.value(entry.value, indent, line);
    }
    const after = this.peek();
    if (after && after.indent > indent) throw new Error(`line ${after.n}: unexpected indentation`);
    return map;
  }

  private value(text: string, indent: number, line: Line): unknown {
    if (/^[|>][+-]?$/.test(text)) return this.blockScalar(indent, text);
    if (text !== '') return scalar(text, line.n);
    const next = this.peek();
    if (!next) return null;
    if (next.indent > indent) return this.block(next.indent);
    // A sequence may sit at its key's own indentation.
    if (next.indent === indent && isItem(next.text)) return this.sequence(indent);
    return null;
  }

  private blockScalar(indent: number, header: string): string {
    const body: Line[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.raw.trim() !== '' && line.indent <= indent) break;
      body.push(line);
      this.i++;
    }
    while (body.length > 0 && body.at(-1)!.raw.trim() === '') body.pop();
    const margin = Math.min(...body.filter((l) => l.raw.trim() !== '').map((l) => l.indent));
    const rows = body.map((l) => l.raw.slice(margin));
    const text = header.startsWith('>') ? rows.join(' ').replace(/ {2,}/g, ' ') : rows.join('\n');
    return header.endsWith('-') ? text : `${text}\n`;
  }
}

function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** `key: value` (or `key:`), the key plain or quoted; null when the text is not one. */
function keyOf(text: string): { key: string; value: string } | null {
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+(.*))?$/.exec(text);
  if (quoted) return { key: scalar(quoted[1], 0) as string, value: quoted[2] ?? '' };
  const plain = /^([^\s"'{[&*!|>%@`#,][^:#]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!plain) return null;
  return { key: plain[1], value: plain[2] ?? '' };
}

function scalar(text: string, n: number): unknown {
  if (/^[&*!]/.test(text)) throw new Error(`line ${n}: anchors, aliases and tags are not supported: ${text}`);
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) throw new Error(`line ${n}: an unterminated string: ${text}`);
    return JSON.parse(text);
  }
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Error(`line ${n}: an unterminated string: ${text}`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new Error(`line ${n}: an unterminated flow sequence: ${text}`);
    const inner = text.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((part) => scalar(part.trim(), n));
  }
  if (text.startsWith('{')) {
    if (text !== '{}') throw new Error(`line ${n}: flow mappings are not supported: ${text}`);
    return {};
  }
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
