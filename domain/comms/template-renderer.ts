/**
 * The template language: plain text with `{{ path.to.value }}` placeholders,
 * nothing else. No expressions, no helpers, no code: a template written by a
 * user can only read the variables it is given. Paths are dotted identifiers.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*\}\}/g;
const ANY_BRACES = /\{\{([^}]*)\}\}/g;
const EXACT = new RegExp(`^${PLACEHOLDER.source}$`);

export interface TemplateSyntaxProblem {
  placeholder: string;
  message: string;
}

/** The placeholders a text uses, each once, in order of appearance. */
export function placeholdersOf(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) seen.add(match[1]!);
  return [...seen];
}

/** Braces that are not a valid placeholder (`{{ contact.first name }}`, `{{ a + b }}`). */
export function syntaxProblems(text: string): TemplateSyntaxProblem[] {
  const problems: TemplateSyntaxProblem[] = [];
  for (const match of text.matchAll(ANY_BRACES)) {
    if (!EXACT.test(match[0])) {
      problems.push({ placeholder: match[0], message: 'is not a variable: write {{ name.of.variable }} with letters, digits and dots only' });
    }
  }
  return problems;
}

function lookup(variables: Record<string, unknown>, path: string): unknown {
  let value: unknown = variables;
  for (const key of path.split('.')) {
    // Own properties of plain objects only: no prototype walking (`{{ constructor.name }}`).
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

/** Fills the placeholders; a placeholder without a printable value is reported, never left blank. */
export function render(text: string, variables: Record<string, unknown>): RenderResult {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (_whole, path: string) => {
    const value = lookup(variables, path);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof Date) return value.toISOString();
    if (!missing.includes(path)) missing.push(path);
    return '';
  });
  return missing.length ? { ok: false, missing } : { ok: true, text: out };
}
