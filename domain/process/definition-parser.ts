import type { Message, Text } from '../i18n/messages';
import { idOf, is, list, RELAIS_DESCRIPTOR, ZEEBE_PREFIX, type BpmnElement, type DefinitionProblem, type FromXmlResult, type ModdleWarning } from './bpmn-model';
import { lintMessage, type XmlFormat } from './lint.messages';

interface Moddle {
  fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
}

// bpmn-moddle is an ES module whose main entry has no typings: loaded with
// require() (Node ≥ 20.19 loads ES modules that way; Jest compiles it) and typed here.
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (packages: Record<string, unknown>) => Moddle };
// Camunda 8's extensions (zeebe:), as Camunda Modeler writes them: Camunda's own descriptor.
const ZEEBE_DESCRIPTOR = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;

/** A moddle that knows BPMN 2.0, the relais: extensions and Camunda 8's zeebe: ones. */
export function createModdle(): Moddle {
  return new BpmnModdle({ relais: RELAIS_DESCRIPTOR, zeebe: ZEEBE_DESCRIPTOR });
}

/**
 * What the parser read but Relais will not use (an extension of a newer
 * Camunda version): not a refusal, a warning the linter adds to its own.
 */
const parseWarnings = new WeakMap<BpmnElement, DefinitionProblem[]>();

/** The warnings noted while parsing these definitions (see parseDefinition). */
export function parseWarningsOf(definitions: BpmnElement): DefinitionProblem[] {
  return parseWarnings.get(definitions) ?? [];
}

/** Single-byte encodings whose first 128 characters are ASCII: a file in ASCII reads the same in them as in UTF-8. */
const ASCII_COMPATIBLE = /^(us-ascii|ascii|iso-8859-\d{1,2}|iso8859-\d{1,2}|latin-?\d|windows-125\d|cp125\d)$/i;
const XML_DECLARATION = /^(<\?xml[^>]*?\sencoding\s*=\s*)(["'])([^"']*)\2/;

/**
 * The XML text with its declared encoding made UTF-8 when that changes
 * nothing (UTF-8 itself, or a single-byte encoding and ASCII content), or
 * the problem that refuses it.
 */
function declaredEncoding(body: string, format: XmlFormat): { xml: string } | { problem: Message } {
  const declaration = XML_DECLARATION.exec(body);
  const encoding = declaration?.[3];
  if (!declaration || !encoding || /^utf-?8$/i.test(encoding)) return { xml: body };
  if (ASCII_COMPATIBLE.test(encoding) && /^[\x00-\x7F]*$/.test(body)) {
    return { xml: `${declaration[1]}${declaration[2]}UTF-8${declaration[2]}${body.slice(declaration[0].length)}` };
  }
  return {
    problem: ASCII_COMPATIBLE.test(encoding) ? lintMessage('xml.encoding-not-ascii', { encoding }) : lintMessage('xml.encoding', { encoding, format }),
  };
}

/** The largest BPMN file accepted, in bytes (UTF-8). */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

export type ParseResult =
  | { ok: true; definitions: BpmnElement; elementsById: Record<string, BpmnElement> }
  /** tooLarge: refused for its size alone (the API answers 413 rather than 422). */
  | { ok: false; problems: DefinitionProblem[]; tooLarge: boolean };

const refuse = (rule: string, message: Text, elementId: string | null = null, tooLarge = false): Extract<ParseResult, { ok: false }> =>
  ({ ok: false, problems: [{ elementId, rule, message }], tooLarge });

export type { XmlFormat } from './lint.messages';

/**
 * The most XML elements a file may hold. The largest OMG reference diagram
 * (C.8.0) holds 2,430 in 240 KB; a diagram drawn in a modeler holds about one
 * element per 100 bytes, so 10,000 is what a 1 MB file of real work holds.
 * Reading, linting and compiling run on the API's event loop, and cost grows
 * with elements, not bytes: 40,000 bare tasks in 0.9 MB blocked it 3.6 s.
 */
export const MAX_XML_ELEMENTS = 10_000;

/**
 * The deepest XML nesting accepted. A diagram nests a handful of levels per
 * sub-process (and extension elements a few more); 64 allows sub-processes
 * nested far deeper than anyone draws, while the reader, linter and compiler,
 * which recurse, stay far from a stack overflow (10,000 nested sub-processes
 * took 12 s, then failed).
 */
export const MAX_XML_DEPTH = 64;

/**
 * Counts the elements of an XML text and measures its nesting, without
 * parsing it: one pass over the "<" of the text (comments, CDATA, processing
 * instructions and declarations skipped), stopping as soon as a limit is
 * passed. Text and attribute values cannot hold a raw "<" in XML, so every
 * other "<" opens or closes a tag; malformed XML is left to the parser.
 */
export function measureXml(xml: string, limits = { elements: MAX_XML_ELEMENTS, depth: MAX_XML_DEPTH }): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  const skip = (from: number, end: string) => { const at = xml.indexOf(end, from); return at < 0 ? xml.length : at + end.length; };
  for (let i = xml.indexOf('<'); i >= 0 && i < xml.length; i = xml.indexOf('<', i)) {
    if (xml.startsWith('<!--', i)) { i = skip(i + 4, '-->'); continue; }
    if (xml.startsWith('<![CDATA[', i)) { i = skip(i + 9, ']]>'); continue; }
    const next = xml[i + 1];
    if (next === '?') { i = skip(i + 2, '?>'); continue; }
    if (next === '!') { i = skip(i + 2, '>'); continue; }
    if (next === '/') { depth--; i = skip(i + 2, '>'); continue; }
    let j = i + 1;
    for (let quote = ''; j < xml.length; j++) {
      const c = xml[j]!;
      if (quote) { if (c === quote) quote = ''; } else if (c === '"' || c === '\'') quote = c; else if (c === '>') break;
    }
    elements++;
    if (xml[j - 1] !== '/') deepest = Math.max(deepest, ++depth);
    if (elements > limits.elements || deepest > limits.depth) break;
    i = j + 1;
  }
  return { elements, depth: deepest };
}

/**
 * The checks made before an XML file is parsed, refusing: a file over the
 * size limit, any DOCTYPE or ENTITY declaration (XML external entities and
 * entity expansion), anything that is not XML, an encoding other than UTF-8
 * (or ASCII content), more than MAX_XML_ELEMENTS elements or nesting deeper
 * than MAX_XML_DEPTH (both refused as too large, 413). Answers the text to
 * parse, its declaration made UTF-8.
 */
export function screenXml(xml: string, options: { maxBytes: number; format: XmlFormat }): { ok: true; xml: string } | Extract<ParseResult, { ok: false }> {
  const { maxBytes, format } = options;
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) return refuse('xml/too-large', lintMessage('xml.too-large', { bytes, max: maxBytes, format }), null, true);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) return refuse('xml/doctype', lintMessage('xml.doctype', { format }));
  const body = xml.replace(/^\uFEFF/, '').trimStart();
  if (!body.startsWith('<')) return refuse('xml/not-xml', lintMessage('xml.not-xml', { format }));
  const encoded = declaredEncoding(body, format);
  if ('problem' in encoded) return refuse('xml/encoding', encoded.problem);
  const { elements, depth } = measureXml(encoded.xml);
  if (elements > MAX_XML_ELEMENTS) return refuse('xml/too-many-elements', lintMessage('xml.too-many-elements', { max: MAX_XML_ELEMENTS, format }), null, true);
  if (depth > MAX_XML_DEPTH) return refuse('xml/too-deep', lintMessage('xml.too-deep', { max: MAX_XML_DEPTH, format }), null, true);
  return { ok: true, xml: encoded.xml };
}

/**
 * Reads a BPMN 2.0 file with the relais: extensions, once screenXml let it
 * through. Every warning of the XML reader (unknown element or attribute,
 * dangling reference, duplicate id, malformed XML) is a problem: nothing is
 * silently dropped.
 */
export async function parseDefinition(xml: string, options: { maxBytes?: number } = {}): Promise<ParseResult> {
  const encoded = screenXml(xml, { maxBytes: options.maxBytes ?? MAX_DEFINITION_BYTES, format: 'BPMN' });
  if (!encoded.ok) return encoded;

  let result;
  try {
    result = await createModdle().fromXML(encoded.xml, 'bpmn:Definitions');
  } catch (error) {
    const err = error as Error & { warnings?: ModdleWarning[] };
    if (/failed to parse document as/.test(err.message)) {
      return refuse('xml/not-bpmn', lintMessage('xml.not-bpmn'));
    }
    return { ok: false, problems: [fromWarning({ message: err.message }, xml, 'xml/malformed')], tooLarge: false };
  }
  const read = result.warnings.map((w) => ({ warning: w, problem: fromWarning(w, encoded.xml) }));
  const ignored = (w: ModdleWarning) => !!unknownZeebe(w) || !!externalReference(w);
  const problems = read.filter((r) => !ignored(r.warning)).map((r) => r.problem);
  if (problems.length) return { ok: false, problems, tooLarge: false };
  parseWarnings.set(result.rootElement, read.filter((r) => ignored(r.warning)).map((r) => ignoredWarning(r.warning, r.problem)));
  connectFlows(result.rootElement);
  return { ok: true, definitions: result.rootElement, elementsById: result.elementsById };
}

/**
 * Makes every flow node's incoming and outgoing lists agree with the sequence
 * flows' sourceRef and targetRef. Modelers write both; other tools may write
 * only the flows, and the linter and compiler read the lists.
 */
function connectFlows(definitions: BpmnElement): void {
  const containers: BpmnElement[] = list(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  for (let i = 0; i < containers.length; i++) {
    const elements = list(containers[i]!, 'flowElements');
    containers.push(...elements.filter((e) => is(e, 'bpmn:FlowElementsContainer')));
    const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
    for (const node of elements.filter((e) => is(e, 'bpmn:FlowNode'))) {
      for (const [property, end] of [['incoming', 'targetRef'], ['outgoing', 'sourceRef']] as const) {
        const mine = flows.filter((f) => f[end] === node);
        node[property] = [...list(node, property).filter((f) => mine.includes(f)), ...mine.filter((f) => !list(node, property).includes(f))];
      }
    }
  }
}

/** The name of a zeebe: attribute or element that Camunda's descriptor does not know (a newer Camunda version), if that is the warning. */
function unknownZeebe(warning: ModdleWarning): string | undefined {
  const prefix = `${ZEEBE_PREFIX}:`;
  const attribute = /^unknown attribute <([^>]+)>$/.exec(warning.message)?.[1];
  if (attribute) return attribute.startsWith(prefix) ? attribute : undefined;
  const element = /^unparsable content <\/?([\w.:-]+)[^]*nested error: unknown type </.exec(warning.message)?.[1];
  return element?.startsWith(prefix) ? element : undefined;
}

/**
 * A reference to an element of another namespace ("triso:unspecified", a
 * QName into an imported file), which this file cannot resolve: what needs it
 * (a message's name…) is checked by the linter; the rest is documentation.
 */
function externalReference(warning: ModdleWarning): string | undefined {
  const target = /^unresolved reference <([^>]+)>$/.exec(warning.message)?.[1];
  return target && /^[A-Za-z_][\w.-]*:/.test(target) ? target : undefined;
}

function ignoredWarning(warning: ModdleWarning, problem: DefinitionProblem): DefinitionProblem {
  const zeebe = unknownZeebe(warning);
  return {
    elementId: problem.elementId,
    rule: 'relais/extension',
    message: zeebe
      ? lintMessage('xml.unknown-camunda-extension', { name: zeebe })
      : lintMessage('xml.external-reference', { id: problem.elementId, target: externalReference(warning)! }),
  };
}

const UNPARSABLE = /^unparsable content (.*?) ?detected\n\tline: (\d+)\n\tcolumn: (\d+)\n\tnested error: ([\s\S]*)$/;

/** The problem a warning of moddle's XML reader (bpmn-moddle, dmn-moddle) stands for, on its element where known. */
export function fromWarning(warning: ModdleWarning, xml: string, fallbackRule = 'xml/invalid'): DefinitionProblem {
  const { message } = warning;
  let m = /^unknown attribute <(.+)>$/.exec(message);
  if (m) {
    const id = idOf(warning.element);
    return { elementId: id, rule: 'xml/unknown-attribute', message: lintMessage('xml.unknown-attribute', { attribute: m[1]!, id }) };
  }
  m = /^unresolved reference <(.+)>$/.exec(message);
  if (m) {
    const id = idOf(warning.element);
    const property = String(warning.property ?? '').replace(/^\w+:/, '');
    return { elementId: id, rule: 'xml/unresolved-reference', message: lintMessage('xml.unresolved-reference', { id, target: m[1]!, property }) };
  }
  m = UNPARSABLE.exec(message);
  if (m) {
    const [, near, line0, column0, nested] = m as unknown as [string, string, string, string, string];
    const line = Number(line0) + 1;
    const column = Number(column0) + 1;
    const where = enclosingId(xml, Number(line0), Number(column0));
    const duplicate = /^duplicate ID <(.+)>$/.exec(nested);
    if (duplicate) return { elementId: duplicate[1]!, rule: 'xml/duplicate-id', message: lintMessage('xml.duplicate-id', { id: duplicate[1]!, line }) };
    const unknown = /^unknown type <(.+)>$/.exec(nested);
    if (unknown) return { elementId: where, rule: 'xml/unknown-element', message: lintMessage('xml.unknown-element', { near, line, where }) };
    return { elementId: where, rule: 'xml/malformed', message: lintMessage('xml.malformed', { line, column, near, nested }) };
  }
  // Another warning of the XML reader, as it wrote it (in English).
  return { elementId: idOf(warning.element), rule: fallbackRule, message };
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** The id of the innermost element with an id that is open at a position of the XML text (for messages). */
export function enclosingId(xml: string, line: number, column: number): string | null {
  const lines = xml.split('\n');
  let offset = column;
  for (let i = 0; i < line && i < lines.length; i++) offset += lines[i]!.length + 1;
  const stack: Array<string | null> = [];
  const prefix = xml.slice(0, offset);
  TOKEN.lastIndex = 0;
  for (let t = TOKEN.exec(prefix); t; t = TOKEN.exec(prefix)) {
    if (!t[2]) continue;
    if (t[1]) stack.pop();
    else if (!t[4]) stack.push(/\sid\s*=\s*["']([^"']+)["']/.exec(t[3] ?? '')?.[1] ?? null);
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]) return stack[i]!;
  return null;
}
