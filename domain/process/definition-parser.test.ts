import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../test/support/paths';
import { registeredModules } from '../modules/registry';
import { renderText } from '../i18n/messages';
import { enclosingId, MAX_DEFINITION_BYTES, MAX_XML_DEPTH, MAX_XML_ELEMENTS, measureXml, parseDefinition as parseCoded, parseWarningsOf } from './definition-parser';

/** The parse result, its problems written in English (catalogue messages: lint.messages.ts `xml.*`). */
async function parseDefinition(...args: Parameters<typeof parseCoded>) {
  const result = await parseCoded(...args);
  return result.ok ? result : { ...result, problems: result.problems.map((p) => ({ ...p, message: renderText(p.message, 'en') })) };
}

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn', name), 'utf8');

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:relais="http://relais.dev/schema/bpmn/1.0"';
const minimal = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NS} id="Defs" targetNamespace="x">${body}</bpmn:definitions>`;

describe('parseDefinition', () => {
  it('reads a BPMN file with relais: extensions', async () => {
    const result = await parseDefinition(fixture('order-approval.bpmn'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definitions.$type).toBe('bpmn:Definitions');
    const task = result.elementsById.RecordOrder!;
    expect(task.activity).toBe('system.record');
    expect(task.resultVariable).toBe('recorded');
  });

  it('refuses a file over the size limit before parsing it, as too large', async () => {
    const xml = minimal(`<!-- ${'x'.repeat(MAX_DEFINITION_BYTES)} -->`);
    expect(await parseDefinition(xml)).toEqual({
      ok: false, tooLarge: true,
      problems: [{ elementId: null, rule: 'xml/too-large', message: 'The file is 1,025 KB; a process definition may be at most 1,024 KB. Split the process with call activities.' }],
    });
    expect((await parseDefinition(minimal('<bpmn:process id="P" />'), { maxBytes: 50 })).ok).toBe(false);
  });

  it('refuses DOCTYPE and ENTITY declarations (XML external entities) anywhere', async () => {
    const expected = { ok: false, tooLarge: false, problems: [{ elementId: null, rule: 'xml/doctype', message: expect.stringContaining('DOCTYPE or ENTITY declaration') }] };
    expect(await parseDefinition(fixture('parse-xxe.bpmn'))).toEqual(expected);
    expect(await parseDefinition(minimal('<!-- <!ENTITY e "x"> -->'))).toEqual(expected);
    expect(await parseDefinition('<!doctype html><html></html>')).toEqual(expected);
  });

  it('refuses what is not XML, and XML that is not BPMN', async () => {
    for (const text of ['', 'hello', '{"bpmn": true}']) {
      expect(await parseDefinition(text)).toEqual({ ok: false, tooLarge: false, problems: [{ elementId: null, rule: 'xml/not-xml', message: expect.stringContaining('not XML') }] });
    }
    expect(await parseDefinition('<html><body>hi</body></html>')).toEqual({
      ok: false, tooLarge: false, problems: [{ elementId: null, rule: 'xml/not-bpmn', message: expect.stringContaining('root element must be <definitions>') }],
    });
  });

  it('names where malformed XML breaks', async () => {
    expect(await parseDefinition(fixture('parse-malformed.bpmn'))).toEqual({
      ok: false, tooLarge: false,
      problems: [{ elementId: 'Start', rule: 'xml/malformed', message: 'The XML is malformed at line 5, column 3 near </bpmn:process>: closing tag mismatch.' }],
    });
    const truncated = await parseDefinition(minimal('<bpmn:process id="P"><bpmn:task id="T" />').replace('</bpmn:definitions>', ''));
    expect(truncated).toMatchObject({ ok: false, problems: [{ elementId: 'P', rule: 'xml/malformed' }] });
  });

  it('turns unknown elements and attributes, dangling references and duplicate ids into problems on their element', async () => {
    expect(await parseDefinition(fixture('parse-unknown.bpmn'))).toEqual({
      ok: false, tooLarge: false,
      problems: [
        { elementId: 'Record', rule: 'xml/unknown-attribute', message: 'Unknown attribute "relais:activty" on "Record": Relais does not know it. Check its spelling or remove it.' },
        { elementId: 'Record', rule: 'xml/unknown-element', message: 'Unknown element <relais:inptu> (line 9) in "Record": Relais does not know it. Check its spelling or remove it.' },
        { elementId: 'F2', rule: 'xml/unresolved-reference', message: '"F2" refers to "Nowhere" (targetRef), which does not exist in this file.' },
      ],
    });
    expect(await parseDefinition(minimal('<bpmn:process id="P"><bpmn:startEvent id="A" /><bpmn:endEvent id="A" /></bpmn:process>'))).toEqual({
      ok: false, tooLarge: false, problems: [{ elementId: 'A', rule: 'xml/duplicate-id', message: 'Two elements have the id "A" (line 2): ids must be unique.' }],
    });
  });

  it('keeps foreign extensions without complaint (other tools write them)', async () => {
    const xml = minimal('<bpmn:process id="P" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:versionTag="1"><bpmn:startEvent id="S" /></bpmn:process>');
    expect((await parseDefinition(xml)).ok).toBe(true);
  });

  it('derives incoming and outgoing flows when the file lists only the sequence flows', async () => {
    const result = await parseDefinition(minimal(`<bpmn:process id="P">
      <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="E" />
      <bpmn:endEvent id="E"><bpmn:incoming>F1</bpmn:incoming></bpmn:endEvent></bpmn:process>`));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const ids = (property: string, id: string) => (result.elementsById[id]![property] as Array<{ id: string }>).map((f) => f.id);
    expect([ids('outgoing', 'S'), ids('incoming', 'S'), ids('incoming', 'E'), ids('outgoing', 'E')]).toEqual([['F1'], [], ['F1'], []]);
  });
});

describe('bounds before parsing', () => {
  const nested = (depth: number) => minimal(`<bpmn:process id="P">${'<bpmn:subProcess>'.repeat(depth)}${'</bpmn:subProcess>'.repeat(depth)}</bpmn:process>`);

  it('counts elements and measures nesting, skipping comments, CDATA, declarations and quoted ">"', () => {
    expect(measureXml('<?xml version="1.0"?><a x="1>2"><!-- <b><c> --><b/><c><![CDATA[<d><e>]]></c></a>')).toEqual({ elements: 3, depth: 2 });
  });

  it('refuses more elements than a 1 MB diagram holds, as too large, with a French message naming the limit, before parsing', async () => {
    const xml = minimal(`<bpmn:process id="P">${Array.from({ length: MAX_XML_ELEMENTS }, (_, i) => `<bpmn:task id="T${i}"/>`).join('')}</bpmn:process>`);
    const result = await parseCoded(xml);
    expect(result).toMatchObject({ ok: false, tooLarge: true, problems: [{ elementId: null, rule: 'xml/too-many-elements' }] });
    expect(!result.ok && renderText(result.problems[0]!.message, 'fr')).toMatch(/^Le fichier contient plus de 10\s000 éléments XML, le maximum pour une définition de processus\./);
  });

  it('refuses nesting deeper than the limit (10,000 nested sub-processes) before parsing, and reads nesting at the limit', async () => {
    const deep = await parseCoded(nested(10_000));
    expect(deep).toMatchObject({ ok: false, tooLarge: true, problems: [{ rule: 'xml/too-deep' }] });
    expect(!deep.ok && renderText(deep.problems[0]!.message, 'fr')).toContain(`plus de ${MAX_XML_DEPTH} niveaux`);
    // definitions and process are two levels: the sub-processes fill the rest.
    const atLimit = await parseDefinition(nested(MAX_XML_DEPTH - 2));
    expect(atLimit.ok || atLimit.problems.every((p) => p.rule !== 'xml/too-deep')).toBe(true);
  });

  it('lets every reference and fixture diagram through', () => {
    const dirs = ['test/fixtures/bpmn', 'test/fixtures/miwg'].map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(d));
    const shipped = registeredModules().flatMap((m) => m.processes ?? []);
    const files = [...dirs.flatMap((d) => fs.readdirSync(d).filter((f) => /\.(bpmn|dmn)$/.test(f)).map((f) => path.join(d, f))), ...shipped];
    expect(shipped.length).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { elements, depth } = measureXml(fs.readFileSync(file, 'utf8'));
      expect({ file, fits: elements <= MAX_XML_ELEMENTS && depth <= MAX_XML_DEPTH }).toEqual({ file, fits: true });
    }
  });
});

describe('enclosingId', () => {
  it('finds the innermost open element with an id at a position', () => {
    const xml = '<a id="A">\n  <b>\n    <c id="C"/><d/>';
    expect(enclosingId(xml, 2, 4)).toBe('A');
    expect(enclosingId(xml, 2, 14)).toBe('A');
    expect(enclosingId('<x><!-- <y id="Y"> --></x>', 0, 22)).toBeNull();
  });

  it('accepts a declared single-byte encoding when the content is ASCII, and refuses it with accented text', async () => {
    const latin = (body: string) => minimal(body).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect((await parseDefinition(latin('<bpmn:process id="P" name="Order" />'))).ok).toBe(true);
    expect(await parseDefinition(latin('<bpmn:process id="P" name="Commande reçue" />'))).toEqual({
      ok: false, tooLarge: false, problems: [{ elementId: null, rule: 'xml/encoding', message: expect.stringContaining('Save the file as UTF-8') }],
    });
  });

  it('reads Camunda 8 extensions, and warns about a zeebe: attribute it does not know instead of refusing', async () => {
    const xml = minimal('<bpmn:process id="P" zeebe:future="1"><bpmn:serviceTask id="S"><bpmn:extensionElements><zeebe:taskDefinition type="system.echo" /></bpmn:extensionElements></bpmn:serviceTask></bpmn:process>')
      .replace('xmlns:relais', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:relais');
    const result = await parseDefinition(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.elementsById.S!.extensionElements).toMatchObject({ values: [{ $type: 'zeebe:TaskDefinition', type: 'system.echo' }] });
    const warnings = parseWarningsOf(result.definitions).map((w) => ({ ...w, message: renderText(w.message, 'en') }));
    expect(warnings).toEqual([{ elementId: 'P', rule: 'relais/extension', message: expect.stringContaining('"zeebe:future" is a Camunda extension Relais does not know') }]);
  });
});
