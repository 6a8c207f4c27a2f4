import {
  CheckboxEntry, FeelEntry, Group, ListGroup, SelectEntry, TextAreaEntry, TextFieldEntry,
  isCheckboxEntryEdited, isFeelEntryEdited, isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type BpmnFactory from 'bpmn-js/lib/features/modeling/BpmnFactory';
import type { Element, ModdleElement } from 'bpmn-js/lib/model/Types';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import type { Injector, ModuleDeclaration } from 'didi';
import type { CatalogueActivity, ProcessCatalogue } from '@/api/process.api';
import { i18n } from '@/plugins/i18n';
import {
  addInput, commaList, findInput, getAttribute, getConditionBody, getEventDefinition, getInputs, getMessageName, getTimer,
  removeInput, setAttribute, setCondition, setInputSource, setMessageName, setTimer, updateInput, type Services, type TimerKind,
} from './moddle-commands';

/** What the provider offers: the server's catalogue and the deployed process keys. */
export interface RelaisCatalogue extends ProcessCatalogue {
  processKeys: string[];
}

interface Entry {
  id: string;
  component: (props: EntryProps) => unknown;
  isEdited?: (node: HTMLElement | null) => boolean;
  [extra: string]: unknown;
}

interface EntryProps {
  element: Element;
  id: string;
  [extra: string]: unknown;
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: Element): (groups: GroupDefinition[]) => GroupDefinition[] }): void;
}

type Translate = (template: string, replacements?: Record<string, string>) => string;

interface GroupDefinition {
  id: string;
  label: string;
  component?: unknown;
  entries?: Entry[];
  items?: unknown[];
  add?: (event: Event) => void;
  shouldOpen?: boolean;
  [extra: string]: unknown;
}

const t = (key: string, values?: Record<string, unknown>) => (values ? i18n.global.t(key, values) : i18n.global.t(key));
const localised = (text: { fr: string; en: string }) => (i18n.global.locale.value === 'en' ? text.en : text.fr);

function useServices(): Services {
  return { commandStack: useService<CommandStack>('commandStack'), bpmnFactory: useService<BpmnFactory>('bpmnFactory') };
}

function useCatalogue(): RelaisCatalogue {
  return useService<RelaisCatalogue>('relaisCatalogue');
}

/** A text attribute relais:<name> on the element. */
function AttributeText(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService<unknown>('debounceInput');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: props.label, description: props.description,
    getValue: () => getAttribute(element, String(props.attribute)),
    setValue: (value: string) => setAttribute(commandStack, element, String(props.attribute), value),
    validate: props.validate,
  });
}

/** A relais:<name> attribute that may be a literal or a FEEL expression ("=…"). */
function AttributeFeel(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService<unknown>('debounceInput');
  return h(FeelEntry, {
    element, id, debounce, feel: 'optional', translate: useService<Translate>('translate'),
    label: props.label, description: props.description,
    getValue: () => getAttribute(element, String(props.attribute)),
    setValue: (value: string) => setAttribute(commandStack, element, String(props.attribute), value),
  });
}

// Service task //////////////////////////////////////////////////////////////

function activityOf(catalogue: RelaisCatalogue, element: Element): CatalogueActivity | undefined {
  const name = getAttribute(element, 'activity');
  return catalogue.activities.find((a) => a.name === name);
}

function ActivitySelect(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const catalogue = useCatalogue();
  const current = getAttribute(element, 'activity');
  const activity = activityOf(catalogue, element);
  const options = [
    { value: '', label: t('process.modeler.props.noActivity') },
    ...catalogue.activities.map((a) => ({ value: a.name, label: `${a.name} — ${localised(a.description)}` })),
    ...(current && !activity ? [{ value: current, label: t('process.modeler.props.unknownActivity', { name: current }) }] : []),
  ];
  return h(SelectEntry, {
    element, id,
    label: t('process.modeler.props.activity'),
    description: activity ? localised(activity.description) : t('process.modeler.props.activityHint'),
    getValue: () => getAttribute(element, 'activity'),
    setValue: (value: string) => setAttribute(commandStack, element, 'activity', value),
    getOptions: () => options,
  });
}

/** The source of the input mapped to one declared field of the activity. */
function InputSource(props: EntryProps) {
  const { element, id } = props;
  const services = useServices();
  const debounce = useService<unknown>('debounceInput');
  const field = String(props.field);
  return h(FeelEntry, {
    element, id, debounce, feel: 'optional', translate: useService<Translate>('translate'),
    label: props.required ? `${field} *` : field,
    description: props.required ? t('process.modeler.props.inputRequired') : undefined,
    getValue: () => findInput(element, field)?.get('source') ?? '',
    setValue: (value: string) => setInputSource(element, services, field, value),
  });
}

function ExtraInputTarget(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService<unknown>('debounceInput');
  const input = props.input as ModdleElement;
  return h(TextFieldEntry, {
    element, id, debounce,
    label: t('process.modeler.props.inputTarget'),
    getValue: () => input.get('target') ?? '',
    setValue: (value: string) => updateInput(element, commandStack, input, { target: value }),
  });
}

function ExtraInputSource(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService<unknown>('debounceInput');
  const input = props.input as ModdleElement;
  return h(FeelEntry, {
    element, id, debounce, feel: 'optional', translate: useService<Translate>('translate'),
    label: t('process.modeler.props.inputSource'),
    getValue: () => input.get('source') ?? '',
    setValue: (value: string) => updateInput(element, commandStack, input, { source: value }),
  });
}

function serviceTaskGroups(element: Element, catalogue: RelaisCatalogue, injector: Injector): GroupDefinition[] {
  const services: Services = { commandStack: injector.get('commandStack'), bpmnFactory: injector.get('bpmnFactory') };
  const activity = activityOf(catalogue, element);
  const declared = activity?.inputs ?? [];
  const declaredNames = new Set(declared.map((f) => f.name));
  const groups: GroupDefinition[] = [{
    id: 'relais', label: t('process.modeler.props.group'), component: Group, shouldOpen: true,
    entries: [
      { id: 'relais-activity', component: ActivitySelect, isEdited: isSelectEntryEdited },
      {
        id: 'relais-resultVariable', component: AttributeText, isEdited: isTextFieldEntryEdited, attribute: 'resultVariable',
        label: t('process.modeler.props.resultVariable'), description: t('process.modeler.props.resultVariableHint'),
      },
    ],
  }];
  if (declared.length) {
    groups.push({
      id: 'relais-inputs', label: t('process.modeler.props.inputs'), component: Group, shouldOpen: true,
      entries: declared.map((field) => ({
        id: `relais-input-${field.name}`, component: InputSource, isEdited: isFeelEntryEdited, field: field.name, required: field.required,
      })),
    });
  }
  const extras = getInputs(element).filter((input) => !declaredNames.has(input.get('target')));
  groups.push({
    id: 'relais-extra-inputs',
    label: declared.length ? t('process.modeler.props.extraInputs') : t('process.modeler.props.inputs'),
    component: ListGroup,
    element,
    shouldOpen: true,
    add: (event: Event) => {
      event.stopPropagation();
      const taken = new Set(getInputs(element).map((i) => i.get('target')));
      let n = 1;
      while (taken.has(`input${n}`)) n += 1;
      addInput(element, services, `input${n}`);
    },
    items: extras.map((input, index) => ({
      id: `relais-extra-input-${index}`,
      label: input.get('target') || t('process.modeler.props.unnamed'),
      entries: [
        { id: `relais-extra-input-${index}-target`, component: ExtraInputTarget, input },
        { id: `relais-extra-input-${index}-source`, component: ExtraInputSource, input },
      ],
      autoFocusEntry: `relais-extra-input-${index}-target`,
      remove: () => removeInput(element, services, input),
    })),
  });
  return groups;
}

// User task /////////////////////////////////////////////////////////////////

function FormKeySelect(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const catalogue = useCatalogue();
  const current = getAttribute(element, 'formKey');
  const known = catalogue.forms.some((f) => f.key === current);
  return h(SelectEntry, {
    element, id,
    label: t('process.modeler.props.formKey'),
    description: t('process.modeler.props.formKeyHint'),
    getValue: () => getAttribute(element, 'formKey'),
    setValue: (value: string) => setAttribute(commandStack, element, 'formKey', value),
    getOptions: () => [
      { value: '', label: t('process.modeler.props.noForm') },
      ...catalogue.forms.map((f) => ({ value: f.key, label: `${localised(f.title)} (${f.key})` })),
      ...(current && !known ? [{ value: current, label: current }] : []),
    ],
  });
}

function InlineForm(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService<unknown>('debounceInput');
  return h(TextAreaEntry, {
    element, id, debounce, monospace: true, rows: 4,
    label: t('process.modeler.props.inlineForm'),
    description: t('process.modeler.props.inlineFormHint'),
    getValue: () => getAttribute(element, 'inlineForm'),
    setValue: (value: string) => setAttribute(commandStack, element, 'inlineForm', value),
    validate: (value: string) => {
      if (!value?.trim()) return null;
      try {
        const parsed: unknown = JSON.parse(value);
        return parsed && typeof parsed === 'object' ? null : t('process.modeler.props.inlineFormInvalid');
      } catch {
        return t('process.modeler.props.inlineFormInvalid');
      }
    },
  });
}

function CandidateRoles(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService<unknown>('debounceInput');
  const catalogue = useCatalogue();
  const keys = new Set(catalogue.roles.map((r) => r.key));
  return h(TextFieldEntry, {
    element, id, debounce,
    label: t('process.modeler.props.candidateRoles'),
    description: t('process.modeler.props.candidateRolesHint'),
    getValue: () => getAttribute(element, 'candidateRoles'),
    setValue: (value: string) => setAttribute(commandStack, element, 'candidateRoles', value),
    validate: (value: string) => {
      const unknown = commaList(value ?? '').filter((key) => !keys.has(key));
      return unknown.length ? t('process.modeler.props.unknownRoles', { roles: unknown.join(', ') }) : null;
    },
  });
}

function RoleCheckbox(props: EntryProps) {
  const { element, id } = props;
  const commandStack = useService<CommandStack>('commandStack');
  const role = String(props.role);
  return h(CheckboxEntry, {
    element, id,
    label: String(props.label),
    getValue: () => commaList(getAttribute(element, 'candidateRoles')).includes(role),
    setValue: (checked: boolean) => {
      const roles = commaList(getAttribute(element, 'candidateRoles')).filter((r) => r !== role);
      if (checked) roles.push(role);
      setAttribute(commandStack, element, 'candidateRoles', roles.join(', '));
    },
  });
}

function userTaskGroups(element: Element, catalogue: RelaisCatalogue): GroupDefinition[] {
  const roleLabel = (r: { labelFr: string; labelEn: string }) => (i18n.global.locale.value === 'en' ? r.labelEn : r.labelFr);
  return [{
    id: 'relais', label: t('process.modeler.props.group'), component: Group, shouldOpen: true,
    entries: [
      { id: 'relais-formKey', component: FormKeySelect, isEdited: isSelectEntryEdited },
      { id: 'relais-inlineForm', component: InlineForm, isEdited: isTextAreaEntryEdited },
      { id: 'relais-candidateRoles', component: CandidateRoles, isEdited: isTextFieldEntryEdited },
      {
        id: 'relais-candidateUsers', component: AttributeText, isEdited: isTextFieldEntryEdited, attribute: 'candidateUsers',
        label: t('process.modeler.props.candidateUsers'), description: t('process.modeler.props.candidateUsersHint'),
      },
      {
        id: 'relais-assignee', component: AttributeFeel, isEdited: isFeelEntryEdited, attribute: 'assignee',
        label: t('process.modeler.props.assignee'), description: t('process.modeler.props.assigneeHint'),
      },
      {
        id: 'relais-dueDate', component: AttributeFeel, isEdited: isFeelEntryEdited, attribute: 'dueDate',
        label: t('process.modeler.props.dueDate'), description: t('process.modeler.props.dueDateHint'),
      },
      {
        id: 'relais-priority', component: AttributeFeel, isEdited: isFeelEntryEdited, attribute: 'priority',
        label: t('process.modeler.props.priority'), description: t('process.modeler.props.priorityHint'),
      },
    ],
  }, {
    id: 'relais-roles', label: t('process.modeler.props.roles'), component: Group,
    entries: catalogue.roles.map((role) => ({
      id: `relais-role-${role.key}`, component: RoleCheckbox, isEdited: isCheckboxEntryEdited, role: role.key, label: `${roleLabel(role)} (${role.key})`,
    })),
  }];
}

// Sequence flows, events, call activities ///////////////////////////////////

function Condition(props: EntryProps) {
  const { element, id } = props;
  const services = useServices();
  const debounce = useService<unknown>('debounceInput');
  const isDefault = getBusinessObject((element as Element & { source: Element }).source).get('default') === getBusinessObject(element);
  return h(FeelEntry, {
    element, id, debounce, feel: 'required',
    label: t('process.modeler.props.condition'),
    description: isDefault ? t('process.modeler.props.defaultFlow') : t('process.modeler.props.conditionHint'),
    getValue: () => getConditionBody(element),
    setValue: (value: string) => setCondition(element, services, value),
  });
}

function MessageName(props: EntryProps) {
  const { element, id } = props;
  const services = useServices();
  const debounce = useService<unknown>('debounceInput');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: t('process.modeler.props.messageName'),
    description: t('process.modeler.props.messageNameHint'),
    getValue: () => getMessageName(element),
    setValue: (value: string) => setMessageName(element, services, value),
  });
}

function TimerValue(props: EntryProps) {
  const { element, id } = props;
  const services = useServices();
  const debounce = useService<unknown>('debounceInput');
  const kind = props.kind as TimerKind;
  return h(TextFieldEntry, {
    element, id, debounce,
    label: props.label, description: props.description,
    getValue: () => {
      const timer = getTimer(element);
      return timer.kind === kind ? timer.body : '';
    },
    setValue: (value: string) => setTimer(element, services, kind, value),
  });
}

function flowGroups(element: Element): GroupDefinition[] {
  const source = (element as Element & { source?: Element }).source;
  if (!source || !isAny(source, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:Activity'])) return [];
  return [{
    id: 'relais', label: t('process.modeler.props.group'), component: Group, shouldOpen: true,
    entries: [{ id: 'relais-condition', component: Condition, isEdited: isFeelEntryEdited }],
  }];
}

function eventGroups(element: Element): GroupDefinition[] {
  const entries: Entry[] = [];
  if (getEventDefinition(element, 'bpmn:MessageEventDefinition')) {
    entries.push({ id: 'relais-messageName', component: MessageName, isEdited: isTextFieldEntryEdited });
    if (is(element, 'bpmn:CatchEvent')) {
      entries.push({
        id: 'relais-correlationKey', component: AttributeFeel, isEdited: isFeelEntryEdited, attribute: 'correlationKey',
        label: t('process.modeler.props.correlationKey'), description: t('process.modeler.props.correlationKeyHint'),
      });
    }
  }
  if (getEventDefinition(element, 'bpmn:TimerEventDefinition')) {
    entries.push(
      {
        id: 'relais-timeDuration', component: TimerValue, isEdited: isTextFieldEntryEdited, kind: 'timeDuration',
        label: t('process.modeler.props.timeDuration'), description: t('process.modeler.props.timeDurationHint'),
      },
      {
        id: 'relais-timeDate', component: TimerValue, isEdited: isTextFieldEntryEdited, kind: 'timeDate',
        label: t('process.modeler.props.timeDate'), description: t('process.modeler.props.timeDateHint'),
      },
    );
  }
  return entries.length ? [{ id: 'relais', label: t('process.modeler.props.group'), component: Group, shouldOpen: true, entries }] : [];
}

function callActivityGroups(catalogue: RelaisCatalogue): GroupDefinition[] {
  const known = catalogue.processKeys.join(', ');
  return [{
    id: 'relais', label: t('process.modeler.props.group'), component: Group, shouldOpen: true,
    entries: [{
      id: 'relais-calledProcess', component: AttributeText, isEdited: isTextFieldEntryEdited, attribute: 'calledProcess',
      label: t('process.modeler.props.calledProcess'),
      description: known ? t('process.modeler.props.calledProcessHint', { keys: known }) : undefined,
    }],
  }];
}

/** Standard groups the Relais group replaces (it writes the same BPMN parts, the way the engine reads them). */
const REPLACED = new Set(['message', 'timer']);

/**
 * The "Relais" properties of the selected element, after the standard ones (General first).
 * Every entry writes through modeling commands (see moddle-commands.ts): undo/redo work.
 */
export class RelaisPropertiesProvider {
  static $inject = ['propertiesPanel', 'injector', 'relaisCatalogue', 'translate'];

  constructor(propertiesPanel: PropertiesPanel, private readonly injector: Injector, private readonly catalogue: RelaisCatalogue, private readonly translate: Translate) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: Element): (groups: GroupDefinition[]) => GroupDefinition[] {
    return (groups) => {
      const relais = this.groupsFor(element);
      const kept = relais.length ? groups.filter((g) => !REPLACED.has(g.id)) : [...groups];
      const general = kept.findIndex((g) => g.id === 'general');
      kept.splice(general + 1, 0, ...relais);
      // The panel's own controls ("Toggle section", "Create new list item") take the group's translate.
      return kept.map((g) => ({ translate: this.translate, ...g }));
    };
  }

  private groupsFor(element: Element): GroupDefinition[] {
    if (is(element, 'bpmn:ServiceTask')) return serviceTaskGroups(element, this.catalogue, this.injector);
    if (is(element, 'bpmn:UserTask')) return userTaskGroups(element, this.catalogue);
    if (is(element, 'bpmn:SequenceFlow')) return flowGroups(element);
    if (is(element, 'bpmn:Event')) return eventGroups(element);
    if (is(element, 'bpmn:CallActivity')) return callActivityGroups(this.catalogue);
    return [];
  }
}

/** The Relais provider with its catalogue (activities, forms, roles, process keys). */
export function relaisPropertiesModule(catalogue: RelaisCatalogue): ModuleDeclaration {
  return {
    __init__: ['relaisPropertiesProvider'],
    relaisPropertiesProvider: ['type', RelaisPropertiesProvider],
    relaisCatalogue: ['value', catalogue],
  };
}
