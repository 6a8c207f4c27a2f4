import fs from 'node:fs';
import path from 'node:path';
import { lintConfig } from '../../domain/process/definition-linter';
import { FR, normaliseKey, translateFr } from '../../ui/src/process/modeler/translate-fr';
import { ROOT } from '../support/paths';

/**
 * The modeler in French (ui/src/process/modeler/translate-fr.ts): every string that bpmn-js, the
 * properties panel and the live lint pass to `translate` is in the dictionary, read from the
 * packages' own sources so that an upgrade adding a string fails here.
 */
const MODULES = path.join(ROOT, 'node_modules');
const read = (file: string) => fs.readFileSync(path.join(MODULES, file), 'utf8');
const jsFiles = (dir: string): string[] => fs.readdirSync(path.join(MODULES, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));

/** The literal templates given to translate(…) (templates built at run time are left out). */
function translated(source: string): string[] {
  return [...source.matchAll(/translate\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2].replace(/\\(.)/g, '$1'));
}

const known = new Set(Object.keys(FR).map(normaliseKey));
const missing = (strings: string[]) => [...new Set(strings)].filter((s) => !known.has(normaliseKey(s))).sort();

describe('modeler translation: every string of bpmn-js, the properties panel and the live lint in French', () => {
  it('covers the palette, the context pad and the replace menu', () => {
    const sources = ['bpmn-js/lib/features/palette', 'bpmn-js/lib/features/context-pad', 'bpmn-js/lib/features/popup-menu', 'diagram-js/lib/features/search-pad']
      .flatMap(jsFiles).filter((f) => !f.endsWith('.d.ts')).map(read);
    const labels = [...read('bpmn-js/lib/features/popup-menu/PopupEntries.js').matchAll(/label: '([^']+)'/g)].map((m) => m[1]);
    const replaceLabels = [...read('bpmn-js/lib/features/replace/ReplaceOptions.js').matchAll(/^\s+label: '([^']+)'/gm)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(50);
    expect(missing([...sources.flatMap(translated), ...labels, ...replaceLabels])).toEqual([]);
  });

  it('covers the properties panel: its controls, the standard BPMN groups and entries, and the element types of its header', () => {
    const panel = read('bpmn-js-properties-panel/dist/index.esm.js');
    // The standard BPMN provider ends with its module; the Camunda (Zeebe, Platform) providers, not installed here, follow.
    const bpmnPart = panel.slice(0, panel.indexOf("bpmnPropertiesProvider: ['type', BpmnPropertiesProvider]"));
    const types = [...bpmnPart.slice(bpmnPart.indexOf('iconsByType = {')).split('};')[0].matchAll(/^\s+'?(\w+)'?:/gm)].map((m) => m[1])
      // Types Relais never draws (multiple triggers, catch events of throw-only triggers) are left out.
      .filter((type) => !/Multiple|^Parallel|^Link(?!Intermediate)|^(Cancel|Compensate|Error|Link)IntermediateCatch|IntermediateCatchEventNonInterrupting/.test(type))
      .map((type) => type.replace(/(\B[A-Z])/g, ' $1').replace(/(\bNon Interrupting)/g, '($1)'));
    expect(types).toContain('Timer Boundary Event (Non Interrupting)');
    const controls = translated(read('@bpmn-io/properties-panel/dist/index.esm.js'));
    expect(missing([...translated(bpmnPart), ...controls, ...types])).toEqual([]);
  });

  it('covers the live lint, and lints live with the server\'s bpmnlint rules', () => {
    expect(missing(translated(read('bpmn-js-bpmnlint/dist/index.esm.js')))).toEqual([]);
    const live = [...fs.readFileSync(path.join(ROOT, 'ui/src/process/modeler/live-lint.ts'), 'utf8').matchAll(/^ {2}'([a-z-]+)': \w+,$/gm)].map((m) => m[1]);
    expect(live.sort()).toEqual(Object.keys(lintConfig().rules).filter((rule) => !rule.includes('/')).sort());
  });

  it('translates the panel header\'s title-case types and fills in replacements', () => {
    expect(translateFr('Timer Boundary Event (Non Interrupting)')).toBe('Minuterie attachée (sans interruption)');
    expect(translateFr('User Task')).toBe('Tâche utilisateur');
    expect(translateFr('Open {element}', { element: 'Sous-processus' })).toBe('Ouvrir Sous-processus');
    expect(translateFr('Not a bpmn-js string')).toBe('Not a bpmn-js string');
  });
});
