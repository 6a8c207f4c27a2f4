import type { JsonSchemaObject, RegisteredForm, Task } from '@/api/process.api';
import { i18n } from '@/plugins/i18n';

/**
 * The form of a task, as one JSON Schema object drawn by one renderer: a registered form
 * (domain/process/forms.ts, whose schema the server generates from the zod schema it
 * validates with and sends with the task), an inline form from the BPMN, or "Terminer".
 */

/** A task without any form: "Terminer", with an optional comment. */
function simpleForm(): JsonSchemaObject {
  return {
    type: 'object',
    properties: { comment: { type: 'string', title: i18n.global.t('process.forms.comment'), maxLength: 2000 } },
  };
}

/** A registered form's schema titled in the reader's language. */
function registeredSchema(form: RegisteredForm): JsonSchemaObject {
  return { ...form.schema, title: i18n.global.locale.value === 'en' ? form.title.en : form.title.fr };
}

/**
 * The form to render for a task; null when it names a registered form that did not come with
 * it (not loaded yet, or unknown to the server).
 */
export function formSchemaOf(task: Pick<Task, 'formKey' | 'inlineForm'>, registered: RegisteredForm | null): JsonSchemaObject | null {
  if (task.formKey) return registered?.key === task.formKey ? registeredSchema(registered) : null;
  if (task.inlineForm && typeof task.inlineForm === 'object') return task.inlineForm;
  return simpleForm();
}
