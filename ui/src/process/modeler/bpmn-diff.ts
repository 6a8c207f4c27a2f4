/**
 * What changed between two BPMN files, by element id: added, removed, and changed
 * (attributes or content such as conditions, timers, Relais mappings). Layout (DI) is ignored.
 */
const MODEL_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
/** Containers whose children are tracked one by one. */
const CONTAINERS = new Set(['definitions', 'process', 'subProcess', 'transaction', 'adHocSubProcess', 'laneSet', 'collaboration']);
/** References already shown by the flows themselves. */
const IGNORED_CHILDREN = new Set(['incoming', 'outgoing', 'flowNodeRef']);

export interface DiffItem {
  id: string;
  type: string;
  name: string | null;
  /** Changed attributes and parts (changed elements only). */
  details: string[];
}

export interface BpmnDiff {
  added: DiffItem[];
  removed: DiffItem[];
  changed: DiffItem[];
}

interface Tracked {
  id: string;
  type: string;
  name: string | null;
  attributes: Record<string, string>;
  /** Signature of each untracked child part, by part name. */
  parts: Record<string, string>;
}

function isTracked(el: Element): boolean {
  if (el.namespaceURI !== MODEL_NS || !el.getAttribute('id')) return false;
  const parent = el.parentElement;
  return el.localName === 'process' || (!!parent && parent.namespaceURI === MODEL_NS && CONTAINERS.has(parent.localName));
}

function attributesOf(el: Element): Record<string, string> {
  const result: Record<string, string> = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name === 'id' || attr.name.startsWith('xmlns')) continue;
    result[attr.name] = attr.value;
  }
  return result;
}

/** A stable text for a part: tag, attributes (ids left out) and content, recursively. */
function signature(el: Element): string {
  const attrs = Object.entries(attributesOf(el)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  const children = Array.from(el.children).filter((c) => !isTracked(c) && !IGNORED_CHILDREN.has(c.localName)).map(signature).join('');
  const text = el.children.length ? '' : (el.textContent ?? '').trim();
  return `<${el.localName} ${attrs}>${text}${children}</${el.localName}>`;
}

function collect(xml: string): Map<string, Tracked> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const result = new Map<string, Tracked>();
  if (doc.getElementsByTagName('parsererror').length) return result;
  for (const el of Array.from(doc.getElementsByTagNameNS(MODEL_NS, '*'))) {
    if (!isTracked(el)) continue;
    const parts: Record<string, string> = {};
    for (const child of Array.from(el.children)) {
      if (isTracked(child) || IGNORED_CHILDREN.has(child.localName)) continue;
      parts[child.localName] = (parts[child.localName] ?? '') + signature(child);
    }
    result.set(el.getAttribute('id')!, { id: el.getAttribute('id')!, type: el.localName, name: el.getAttribute('name'), attributes: attributesOf(el), parts });
  }
  return result;
}

function differences(before: Tracked, after: Tracked): string[] {
  const details: string[] = [];
  for (const key of new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])) {
    if (before.attributes[key] !== after.attributes[key]) details.push(key);
  }
  for (const key of new Set([...Object.keys(before.parts), ...Object.keys(after.parts)])) {
    if (before.parts[key] !== after.parts[key]) details.push(key);
  }
  if (before.type !== after.type) details.unshift('type');
  return details;
}

/** `before`: the deployed version; `after`: the diagram being edited. */
export function diffBpmn(before: string, after: string): BpmnDiff {
  const old = collect(before);
  const current = collect(after);
  const item = (t: Tracked, details: string[] = []): DiffItem => ({ id: t.id, type: t.type, name: t.name, details });
  const diff: BpmnDiff = { added: [], removed: [], changed: [] };
  for (const [id, now] of current) {
    const was = old.get(id);
    if (!was) diff.added.push(item(now));
    else {
      const details = differences(was, now);
      if (details.length) diff.changed.push(item(now, details));
    }
  }
  for (const [id, was] of old) if (!current.has(id)) diff.removed.push(item(was));
  return diff;
}
