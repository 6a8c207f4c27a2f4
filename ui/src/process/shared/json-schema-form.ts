import type { JsonSchemaObject, JsonSchemaProperty } from '@/api/process.api';
import { i18n } from '@/plugins/i18n';

/** What a form field is drawn as. */
export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'boolean' | 'select';

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options: Array<{ title: string; value: string | number }>;
  maxLength?: number;
}

/** Values as typed: strings for text and number fields, booleans, the chosen enum value. */
export type FormValues = Record<string, unknown>;

function kindOf(property: JsonSchemaProperty): FieldKind {
  if (Array.isArray(property.enum) && property.enum.length) return 'select';
  switch (property.type) {
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'integer': return 'integer';
    default: return (property.maxLength ?? 0) > 200 ? 'textarea' : 'text';
  }
}

/**
 * Required fields first, in the order of `required`, then the others. (The server stores the
 * schema as jsonb, which does not keep the order of `properties`; the `required` array keeps its order.)
 */
function orderedProperties(schema: JsonSchemaObject): Array<[string, JsonSchemaProperty]> {
  const properties = schema.properties ?? {};
  const required = (schema.required ?? []).filter((name) => name in properties);
  const rest = Object.keys(properties).filter((name) => !required.includes(name));
  return [...required, ...rest].map((name) => [name, properties[name]!]);
}

export function fieldsOf(schema: JsonSchemaObject): FormField[] {
  const required = new Set(schema.required ?? []);
  return orderedProperties(schema).map(([name, property]) => ({
    name,
    kind: kindOf(property),
    label: property.title ?? name,
    description: property.description,
    required: required.has(name),
    options: (property.enum ?? []).map((value) => ({ title: String(value), value })),
    maxLength: property.maxLength,
  }));
}

/** Defaults from the schema; a checkbox starts unchecked (false), everything else empty. */
export function initialValues(schema: JsonSchemaObject): FormValues {
  const values: FormValues = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) values[name] = property.type === 'number' || property.type === 'integer' ? String(property.default) : property.default;
    else if (kindOf(property) === 'boolean') values[name] = false;
    else if (kindOf(property) === 'select') values[name] = null;
    else values[name] = '';
  }
  return values;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function numberOf(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  const normalised = String(text).trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Number(normalised);
}

/** The same checks the server makes, so that most mistakes show before sending. */
export function validateValues(schema: JsonSchemaObject, values: FormValues): Record<string, string> {
  const t = i18n.global.t;
  const errors: Record<string, string> = {};
  const properties = schema.properties ?? {};
  for (const field of fieldsOf(schema)) {
    const value = values[field.name];
    const property = properties[field.name]!;
    if (isBlank(value)) {
      if (field.required) errors[field.name] = t('errors.required');
      continue;
    }
    if (field.kind === 'number' || field.kind === 'integer') {
      const n = numberOf(value);
      if (n === undefined || (field.kind === 'integer' && !Number.isInteger(n))) errors[field.name] = t('errors.number');
      else if (property.minimum !== undefined && n < property.minimum) errors[field.name] = t('process.forms.min', { n: property.minimum });
      else if (property.maximum !== undefined && n > property.maximum) errors[field.name] = t('process.forms.max', { n: property.maximum });
    } else if (typeof value === 'string') {
      if (property.maxLength !== undefined && value.length > property.maxLength) errors[field.name] = t('process.forms.maxLength', { n: property.maxLength });
      else if (property.minLength !== undefined && value.trim().length < property.minLength) errors[field.name] = t('process.forms.minLength', { n: property.minLength });
    }
  }
  return errors;
}

/** The data sent to the server: numbers as numbers, blank optional fields left out. */
export function toData(schema: JsonSchemaObject, values: FormValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fieldsOf(schema)) {
    const value = values[field.name];
    if (isBlank(value)) continue;
    if (field.kind === 'number' || field.kind === 'integer') data[field.name] = numberOf(value);
    else if (typeof value === 'string') data[field.name] = value.trim();
    else data[field.name] = value;
  }
  return data;
}
