import type { Element, ModdleElement } from 'bpmn-js/lib/model/Types';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';
import type { ProcessCatalogue } from '@/api/process.api';
import { commaList, getAttribute, getConditionBody, getEventDefinition, getInputs, getMessageName, getTimer } from './provider/moddle-commands';

/** One line of the read-only properties panel: what the element says, as the editing panel names it. */
export interface PropertyLine {
  label: string;
  value: string;
}

export interface ElementDescription {
  id: string;
  /** Its name, else its id. */
  title: string;
  /** Its kind as the editing panel's header says it (« Tâche utilisateur »). */
  type: string;
  lines: PropertyLine[];
}

/** What the describer is given: texts (vue-i18n's `t`), bpmn-js's `translate` and the server's catalogue. */
export interface DescribeTexts {
  t: (key: string, values?: Record<string, unknown>) => string;
  translate: (text: string) => string;
  language: 'fr' | 'en';
  catalogue: ProcessCatalogue | null;
}

const DEFINITION_PREFIX: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'Message', 'bpmn:TimerEventDefinition': 'Timer', 'bpmn:SignalEventDefinition': 'Signal',
  'bpmn:ErrorEventDefinition': 'Error', 'bpmn:EscalationEventDefinition': 'Escalation', 'bpmn:CompensateEventDefinition': 'Compensation',
  'bpmn:ConditionalEventDefinition': 'Conditional', 'bpmn:LinkEventDefinition': 'Link', 'bpmn:TerminateEventDefinition': 'Terminate',
  'bpmn:CancelEventDefinition': 'Cancel',
};

/** « Timer Boundary Event (Non Interrupting) », as the editing panel's header writes it before translating. */
function typeText(element: Element): string {
  const bo = getBusinessObject(element);
  const words = (type: string) => type.replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  if (is(element, 'bpmn:SequenceFlow')) {
    const source = (element as Element & { source?: Element }).source;
    if (source && getBusinessObject(source).get('default') === bo) return 'Default Flow';
    if (bo.get('conditionExpression')) return 'Conditional Flow';
  }
  const definition: ModdleElement | undefined = (bo.get('eventDefinitions') ?? [])[0];
  const prefix = definition ? DEFINITION_PREFIX[definition.$type] : undefined;
  if (!prefix) return words(element.type);
  const interrupting = is(element, 'bpmn:StartEvent') ? bo.get('isInterrupting') !== false : is(element, 'bpmn:BoundaryEvent') ? bo.get('cancelActivity') !== false : true;
  return `${prefix} ${words(element.type)}${interrupting ? '' : ' (Non Interrupting)'}`;
}

/**
 * What a person who may not edit processes reads of an element (ModelerReadOnlyProperties.vue):
 * the same facts the editing panel shows — name, id, documentation and the Relais properties
 * (activity and its inputs, form, roles, condition, message, timer, called process) — as text.
 * Empty properties are left out.
 */
export function describeElement(element: Element, texts: DescribeTexts): ElementDescription {
  const { t, language, catalogue } = texts;
  const bo = getBusinessObject(element);
  const props = (key: string) => t(`process.modeler.props.${key}`);
  const lines: PropertyLine[] = [];
  const add = (label: string, value: unknown) => {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) lines.push({ label, value: text });
  };
  const attribute = (key: string, label = props(key)) => add(label, getAttribute(element, key));
  const local = (text: { fr: string; en: string }) => (language === 'en' ? text.en : text.fr);

  add(t('process.modeler.readOnlyPanel.id'), bo.get('id'));
  add(t('process.modeler.readOnlyPanel.name'), bo.get('name'));
  add(t('process.modeler.readOnlyPanel.documentation'), (bo.get('documentation') ?? []).map((d: ModdleElement) => d.get('text') ?? '').join('\n'));

  if (isAny(element, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'])) {
    const name = getAttribute(element, 'activity');
    const activity = catalogue?.activities.find((a) => a.name === name);
    add(props('activity'), name && activity ? `${name} — ${local(activity.description)}` : name);
    for (const input of getInputs(element)) add(`${props('inputs')} · ${input.get('target') || props('unnamed')}`, input.get('source'));
    attribute('resultVariable');
  }
  if (is(element, 'bpmn:UserTask')) {
    const formKey = getAttribute(element, 'formKey');
    const form = catalogue?.forms.find((f) => f.key === formKey);
    add(props('formKey'), form ? `${local(form.title)} (${formKey})` : formKey);
    if (getAttribute(element, 'inlineForm')) add(props('inlineForm'), t('process.modeler.readOnlyPanel.present'));
    const roles = commaList(getAttribute(element, 'candidateRoles'));
    const roleName = (key: string) => {
      const role = catalogue?.roles.find((r) => r.key === key);
      return role ? (language === 'en' ? role.labelEn : role.labelFr) : key;
    };
    add(props('candidateRoles'), roles.map(roleName).join(', '));
    for (const key of ['candidateUsers', 'assignee', 'dueDate', 'priority']) attribute(key);
  }
  if (is(element, 'bpmn:ScriptTask')) {
    add(t('process.modeler.readOnlyPanel.script'), bo.get('script'));
    attribute('resultVariable');
  }
  if (is(element, 'bpmn:BusinessRuleTask')) {
    attribute('decision', t('process.modeler.readOnlyPanel.decision'));
    attribute('resultVariable');
  }
  if (is(element, 'bpmn:CallActivity')) add(props('calledProcess'), getAttribute(element, 'calledProcess') || bo.get('calledElement'));
  if (is(element, 'bpmn:SequenceFlow')) {
    add(props('condition'), typeText(element) === 'Default Flow' ? props('defaultFlow') : getConditionBody(element));
  }
  if (getEventDefinition(element, 'bpmn:MessageEventDefinition') || is(element, 'bpmn:ReceiveTask')) {
    add(props('messageName'), getMessageName(element) || bo.get('messageRef')?.get('name'));
    attribute('correlationKey');
  }
  const timer = getTimer(element);
  if (timer.kind) {
    const label = timer.kind === 'timeCycle' ? t('process.modeler.readOnlyPanel.cycle') : props(timer.kind);
    add(label, timer.body);
  }
  const title = typeof bo.get('name') === 'string' && bo.get('name').trim() ? bo.get('name') : String(bo.get('id') ?? '');
  return { id: String(bo.get('id') ?? ''), title, type: texts.translate(typeText(element)), lines };
}
