import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

/** Anything with bpmn-js's `get(service)`: Viewer, NavigatedViewer, Modeler. */
export interface DiagramServices {
  get<T>(name: string): T;
}

export interface Badge {
  elementId: string;
  text: string;
  kind: 'problem' | 'incident' | 'count';
  title?: string;
}

export interface Decorations {
  /** Element id → marker classes (relais-completed, relais-active, relais-incident…). */
  markers: Record<string, string[]>;
  badges?: Badge[];
}

const OVERLAY_TYPE = 'relais-badge';

/**
 * Paints markers and badges on a diagram, replacing what the previous call painted.
 * Ids unknown to the diagram are skipped. Answers what was painted, for the next call.
 */
export function decorate(diagram: DiagramServices, next: Decorations, previous?: Decorations): Decorations {
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const overlays = diagram.get<Overlays>('overlays');
  for (const [id, classes] of Object.entries(previous?.markers ?? {})) {
    if (!registry.get(id)) continue;
    for (const marker of classes) canvas.removeMarker(id, marker);
  }
  overlays.remove({ type: OVERLAY_TYPE });
  for (const [id, classes] of Object.entries(next.markers)) {
    if (!registry.get(id)) continue;
    for (const marker of classes) canvas.addMarker(id, marker);
  }
  for (const badge of next.badges ?? []) {
    if (!registry.get(badge.elementId)) continue;
    const html = document.createElement('div');
    html.className = `relais-badge relais-badge--${badge.kind}`;
    html.textContent = badge.text;
    if (badge.title) html.title = badge.title;
    html.dataset.testid = `diagram-badge-${badge.kind}`;
    html.dataset.elementId = badge.elementId;
    overlays.add(badge.elementId, OVERLAY_TYPE, { position: { top: -10, right: 8 }, html });
  }
  return next;
}

export function addMarker(markers: Record<string, string[]>, id: string | null | undefined, marker: string): void {
  if (!id) return;
  const list = (markers[id] ??= []);
  if (!list.includes(marker)) list.push(marker);
}
