import { markdownToPdfmake } from './markdown-pdf';

describe('report Markdown → pdfmake', () => {
  it('turns headings, paragraphs with bold, italic and code, and lists into pdfmake content', () => {
    const content = markdownToPdfmake('# Contexte\n\nLe serveur **SRV-01** tourne sous *Windows Server 2012* avec `SMBv1`.\n\n- premier point\n- second **point**\n\n1. un\n2. deux\n');
    expect(content).toEqual([
      { text: ['Contexte'], style: 'mdH2', color: undefined },
      { text: ['Le serveur ', { text: 'SRV-01', bold: true }, ' tourne sous ', { text: 'Windows Server 2012', italics: true }, ' avec ', { text: 'SMBv1', background: '#f1f3f5', color: '#1f2933' }, '.'], margin: [0, 0, 0, 6] },
      { ul: [{ text: ['premier point'], margin: [0, 0, 0, 2] }, { text: ['second ', { text: 'point', bold: true }], margin: [0, 0, 0, 2] }], margin: [0, 0, 0, 6] },
      { ol: [{ text: ['un'], margin: [0, 0, 0, 2] }, { text: ['deux'], margin: [0, 0, 0, 2] }], start: 1, margin: [0, 0, 0, 6] },
    ]);
  });

  it('keeps a code block as it is, nests lists, colours headings and prints raw HTML as text', () => {
    const content = markdownToPdfmake('## Commande\n\n```\nnmap -sV 10.0.0.0/24\n```\n\n- a\n  - b\n\n<script>x</script>\n', { headingColor: '#0D47A1' });
    expect(content[0]).toEqual({ text: ['Commande'], style: 'mdH3', color: '#0D47A1' });
    expect(JSON.stringify(content[1])).toContain('nmap -sV 10.0.0.0/24');
    expect(JSON.stringify(content[2])).toContain('"ul":[{"text":["b"]');
    expect(JSON.stringify(content)).toContain('<script>x</script>');
  });

  it('gives nothing for an empty text and decodes the entities marked escapes', () => {
    expect(markdownToPdfmake('')).toEqual([]);
    expect(markdownToPdfmake('R&D "test" <b>')).toEqual([{ text: ['R&D "test" ', '<b>'], margin: [0, 0, 0, 6] }]);
  });
});
