/** The catalogue's and the library's list fields as typed in a form: references one per line, keywords comma separated. */
export const linesOf = (text: string): string[] => [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];
export const wordsOf = (text: string): string[] => [...new Set(text.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean))];
