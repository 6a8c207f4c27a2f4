/** Minimal types for the bpmn-io properties panel packages, which ship none. */

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  /** A diagram service inside a properties panel component (modeling, bpmnFactory, translate…). */
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  type EntryComponent = import('@bpmn-io/properties-panel/preact').FunctionComponent<Record<string, unknown>>;
  type IsEdited = (node: HTMLElement | null) => boolean;
  export const SelectEntry: EntryComponent;
  export const TextFieldEntry: EntryComponent;
  export const TextAreaEntry: EntryComponent;
  export const CheckboxEntry: EntryComponent;
  export const FeelEntry: EntryComponent;
  export const Group: EntryComponent;
  export const ListGroup: EntryComponent;
  export const isSelectEntryEdited: IsEdited;
  export const isTextFieldEntryEdited: IsEdited;
  export const isTextAreaEntryEdited: IsEdited;
  export const isCheckboxEntryEdited: IsEdited;
  export const isFeelEntryEdited: IsEdited;
}

declare module 'bpmn-js-bpmnlint' {
  const lintModule: import('didi').ModuleDeclaration;
  export default lintModule;
}

/** bpmnlint's rules (CommonJS, untyped): each exports a factory of `{ check }`. */
declare module 'bpmnlint/rules/*' {
  export interface LintNode {
    $type: string;
    eventDefinitions?: Array<{ $type: string }>;
    [property: string]: unknown;
  }
  export interface LintReporter {
    report(id: string, message: string, path?: unknown): void;
  }
  type Check = (node: LintNode, reporter: LintReporter) => void;
  export type LintRuleFactory = (config?: unknown) => { check: Check | { enter?: Check; leave?: Check } };
  const factory: LintRuleFactory;
  export default factory;
}
