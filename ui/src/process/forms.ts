import type { JsonSchemaObject, Task } from '@/api/process.api';
import { i18n } from '@/plugins/i18n';

/**
 * Registered task forms (domain/process/forms.ts on the server, validated there with zod),
 * described here as JSON Schema so that one renderer draws them and inline forms alike.
 */
const REGISTERED: Record<string, () => JsonSchemaObject> = {
  'core.approval': () => {
    const t = i18n.global.t;
    return {
      type: 'object',
      title: t('process.forms.coreApproval.title'),
      properties: {
        approved: { type: 'boolean', title: t('process.forms.coreApproval.approved') },
        comment: { type: 'string', title: t('process.forms.coreApproval.comment'), maxLength: 2000 },
      },
      required: ['approved'],
    };
  },
};

/** A task without any form: "Terminer", with an optional comment. */
function simpleForm(): JsonSchemaObject {
  return {
    type: 'object',
    properties: { comment: { type: 'string', title: i18n.global.t('process.forms.comment'), maxLength: 2000 } },
  };
}

export function isRegisteredForm(key: string): boolean {
  return key in REGISTERED;
}

/** The form to render for a task; null when its form key is unknown to this UI. */
export function formSchemaOf(task: Pick<Task, 'formKey' | 'inlineForm'>): JsonSchemaObject | null {
  if (task.formKey) return REGISTERED[task.formKey]?.() ?? null;
  if (task.inlineForm && typeof task.inlineForm === 'object') return task.inlineForm;
  return simpleForm();
}
