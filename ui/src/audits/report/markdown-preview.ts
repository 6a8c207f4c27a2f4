import { Marked, type Tokens } from 'marked';

/**
 * A section's Markdown as the preview shows it (the same lexer as the PDF, `marked`): raw HTML is shown
 * as text, never interpreted, and only http(s) and mailto links are kept, so a section cannot inject markup.
 */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const SAFE_LINK = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => escape(token.text),
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      return SAFE_LINK.test(token.href) ? `<a href="${escape(token.href)}" rel="noopener noreferrer" target="_blank">${text}</a>` : text;
    },
    image: (token: Tokens.Image) => escape(token.text),
  },
});

export function markdownHtml(markdown: string): string {
  return marked.parse(markdown ?? '', { async: false });
}
