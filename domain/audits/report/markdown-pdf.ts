import { Lexer, type Token, type Tokens } from 'marked';
import type { Content } from 'pdfmake/interfaces';

/**
 * A report section's Markdown as pdfmake content (issue 16): headings, paragraphs, bulleted and
 * numbered lists (nested), bold, italic, inline code and code blocks, quotes, rules and simple tables.
 * `marked`'s lexer reads the text (CommonMark + GFM); raw HTML prints as the text it is, never as markup.
 * Headings inside a section start one level below the section's own title (`#` → level 2).
 */
export interface MarkdownOptions {
  /** Colour of headings (the tenant's primary colour). */
  headingColor?: string;
}

type Inline = string | { text: string | Inline[]; bold?: boolean; italics?: boolean; decoration?: 'lineThrough' | 'underline'; font?: string; background?: string; color?: string };

const CODE = { background: '#f1f3f5', color: '#1f2933' };

function inline(tokens: readonly Token[] | undefined, style: { bold?: boolean; italics?: boolean } = {}): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong': out.push(...inline((token as Tokens.Strong).tokens, { ...style, bold: true })); break;
      case 'em': out.push(...inline((token as Tokens.Em).tokens, { ...style, italics: true })); break;
      case 'del': out.push({ text: inline((token as Tokens.Del).tokens, style), decoration: 'lineThrough' }); break;
      case 'codespan': out.push({ text: decode((token as Tokens.Codespan).text), ...CODE, ...style }); break;
      case 'br': out.push('\n'); break;
      case 'link': {
        const link = token as Tokens.Link;
        out.push({ text: inline(link.tokens, style), decoration: 'underline' });
        if (link.href && link.href !== link.text) out.push({ text: ` (${link.href})`, ...style });
        break;
      }
      case 'text': {
        const text = token as Tokens.Text;
        if (text.tokens?.length) out.push(...inline(text.tokens, style));
        else out.push(styled(decode(text.text), style));
        break;
      }
      default: out.push(styled(decode((token as { raw: string }).raw ?? ''), style));
    }
  }
  return out;
}

const styled = (text: string, style: { bold?: boolean; italics?: boolean }): Inline => (style.bold || style.italics ? { text, ...style } : text);

/** marked escapes `&<>"'` in text tokens; the PDF prints characters, not entities. */
function decode(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

function listItems(list: Tokens.List, options: MarkdownOptions): Content[] {
  return list.items.map((item) => {
    const parts = blocks(item.tokens, options, true);
    const prefix = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
    if (prefix && parts.length && typeof parts[0] === 'object' && 'text' in (parts[0] as object)) {
      const first = parts[0] as { text: Inline[] | string };
      parts[0] = { ...(parts[0] as object), text: [prefix, ...(Array.isArray(first.text) ? first.text : [first.text])] } as Content;
    }
    return parts.length === 1 ? parts[0]! : { stack: parts };
  });
}

function blocks(tokens: readonly Token[], options: MarkdownOptions, tight = false): Content[] {
  const out: Content[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'space': break;
      case 'heading': {
        const heading = token as Tokens.Heading;
        const level = Math.min(heading.depth + 1, 4);
        out.push({ text: inline(heading.tokens) as Content, style: `mdH${level}`, color: options.headingColor });
        break;
      }
      case 'paragraph': out.push({ text: inline((token as Tokens.Paragraph).tokens) as Content, margin: [0, 0, 0, tight ? 2 : 6] }); break;
      case 'text': {
        const text = token as Tokens.Text;
        out.push({ text: (text.tokens?.length ? inline(text.tokens) : [decode(text.text)]) as Content, margin: [0, 0, 0, tight ? 2 : 6] });
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const items = listItems(list, options);
        out.push(list.ordered ? { ol: items, start: typeof list.start === 'number' ? list.start : 1, margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] });
        break;
      }
      case 'code': {
        out.push({
          table: { widths: ['*'], body: [[{ text: (token as Tokens.Code).text, font: 'Roboto', fontSize: 8.5, preserveLeadingSpaces: true, ...CODE }]] },
          layout: { fillColor: () => CODE.background, hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 4 },
          margin: [0, 0, 0, 6],
        });
        break;
      }
      case 'blockquote':
        out.push({ stack: blocks((token as Tokens.Blockquote).tokens, options), italics: true, color: '#5f6b7a', margin: [12, 0, 0, 6] });
        break;
      case 'hr':
        out.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 0.5, lineColor: '#d5dbe3' }], margin: [0, 4, 0, 8] });
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const head = table.header.map((cell) => ({ text: inline(cell.tokens) as Content, bold: true }));
        const rows = table.rows.map((row) => row.map((cell) => ({ text: inline(cell.tokens) as Content })));
        out.push({ table: { headerRows: 1, widths: table.header.map(() => '*'), body: [head, ...rows] }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 6] });
        break;
      }
      default: {
        const raw = decode((token as { raw?: string }).raw ?? '').trim();
        if (raw) out.push({ text: raw, margin: [0, 0, 0, 6] });
      }
    }
  }
  return out;
}

/** The pdfmake content of a Markdown text (an empty text gives none). */
export function markdownToPdfmake(markdown: string, options: MarkdownOptions = {}): Content[] {
  return blocks(new Lexer({ gfm: true }).lex(markdown ?? ''), options);
}

/** The styles the converted content names (merged into the document's). */
export const MARKDOWN_STYLES = {
  mdH2: { fontSize: 13, bold: true, margin: [0, 8, 0, 4] as [number, number, number, number] },
  mdH3: { fontSize: 11.5, bold: true, margin: [0, 6, 0, 3] as [number, number, number, number] },
  mdH4: { fontSize: 10.5, bold: true, italics: true, margin: [0, 4, 0, 2] as [number, number, number, number] },
};
