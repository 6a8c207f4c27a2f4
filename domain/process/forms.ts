import type { Knex } from 'knex';
import { z } from 'zod';

/**
 * Registered task forms (DESIGN §6): a user task names one by key; the UI renders it
 * with the generic form renderer and the API validates the data with the same schema.
 * Modules declare theirs in their manifest (`domain/modules/registry.ts` findForm).
 */
export interface FormDefinition {
  key: string;
  title: { fr: string; en: string };
  schema: z.ZodObject;
  /**
   * Fields whose values are the organisation's own (its people, its records), listed in the tenant's
   * transaction when a task shows the form (`GET /tasks/:id`): JSON Schema `oneOf` of `{ const, title }`,
   * drawn as a choice by the task list. The schema still validates what is sent.
   */
  choices?: Record<string, (trx: Knex.Transaction) => Promise<FormChoice[]>>;
  /**
   * Values the form opens with for one task, read in the tenant's transaction from the task's business
   * key (the record the process follows): JSON Schema `default`s, which the task list fills in.
   */
  prefill?: (trx: Knex.Transaction, businessKey: string) => Promise<Record<string, unknown>>;
}

export interface FormChoice {
  value: string;
  title: string;
}

export const approvalForm: FormDefinition = {
  key: 'core.approval',
  title: { fr: 'Décision', en: 'Decision' },
  schema: z.object({
    approved: z.boolean().describe('Approuvé'),
    comment: z.string().trim().max(2000).optional().describe('Commentaire'),
  }).strict(),
};

/** A form as the task list and the modeler receive it: its key, titles and the JSON Schema of what it accepts. */
export interface FormDescription {
  key: string;
  title: { fr: string; en: string };
  schema: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema of a form's input, generated from its zod schema (the one the API
 * validates with, so the two cannot drift). A field's `.describe()` is its label: it
 * becomes the property's `title` (unless `.meta({ title })` set one).
 */
function formJsonSchema(form: FormDefinition): JsonObject {
  const json = z.toJSONSchema(form.schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  for (const property of Object.values(properties)) {
    if (property.title === undefined && typeof property.description === 'string') {
      property.title = property.description;
      delete property.description;
    }
  }
  return { ...json, title: form.title.fr };
}

const described = new Map<string, FormDescription>();

export function describeForm(form: FormDefinition): FormDescription {
  let description = described.get(form.key);
  if (!description) {
    description = { key: form.key, title: form.title, schema: formJsonSchema(form) };
    described.set(form.key, description);
  }
  return description;
}

/** The form with its organisation-dependent choices (`choices`) listed for the tenant in scope. */
export async function describeFormIn(trx: Knex.Transaction, form: FormDefinition, businessKey?: string | null): Promise<FormDescription> {
  const description = describeForm(form);
  const prefill = form.prefill && businessKey ? form.prefill : undefined;
  if (!form.choices && !prefill) return description;
  const properties = { ...(description.schema.properties as Record<string, JsonObject>) };
  for (const [field, list] of Object.entries(form.choices ?? {})) {
    if (!properties[field]) continue;
    properties[field] = { ...properties[field], oneOf: (await list(trx)).map((c) => ({ const: c.value, title: c.title })) };
  }
  if (prefill) {
    for (const [field, value] of Object.entries(await prefill(trx, businessKey!))) {
      if (properties[field] && value !== undefined && value !== null) properties[field] = { ...properties[field], default: value };
    }
  }
  return { ...description, schema: { ...description.schema, properties } };
}
