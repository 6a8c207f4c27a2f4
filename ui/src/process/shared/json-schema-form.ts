import type { JsonSchemaObject, JsonSchemaProperty } from '@/api/process.api';
import { namedWidgetOf, pickerOf } from '@/modules/registry';
import { i18n } from '@/plugins/i18n';
import { centsToInput, formatMoney, parseEuros } from '@/shared/format';
import { DEFAULT_TIME_ZONE, fromLocalInput, toLocalInput } from '@/shared/time-zone';

/** What a form field is drawn as. */
export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'boolean' | 'select' | 'money' | 'datetime' | 'picker';

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options: Array<{ title: string; value: string | number }>;
  maxLength?: number;
  /** A picker (offered by a module) and its argument: `collaborator:support` offers the people of the support department. */
  picker?: { widget: string; argument: string };
}

/** Values as typed: strings for text, number, amount and date-time fields, booleans, the chosen enum value or person. */
export type FormValues = Record<string, unknown>;

/** Date-times are typed and read in the organisation's time zone. */
export interface FormOptions {
  timeZone: string;
}

const DEFAULTS: FormOptions = { timeZone: DEFAULT_TIME_ZONE };

/**
 * How to draw a field beyond its JSON type: an explicit `x-relais-widget`, else the conventions
 * of the registered forms: `*Cents` integers are amounts typed in euros, `format: date-time`
 * strings are typed as a local date and time, names a module's picker claims (supportContactId) are pickers.
 */
export function widgetOf(name: string, property: JsonSchemaProperty): string | undefined {
  if (property['x-relais-widget']) return property['x-relais-widget'];
  const named = namedWidgetOf(name);
  if (named) return named;
  if (property.type === 'integer' && /Cents$/.test(name)) return 'money';
  if (property.type === 'string' && property.format === 'date-time') return 'datetime';
  return undefined;
}

/** A nullable field (`anyOf: [X, { type: 'null' }]`, as zod writes `.nullable()`) read as X. */
function plain(property: JsonSchemaProperty): JsonSchemaProperty {
  const branches = property.anyOf?.filter((branch) => branch.type !== 'null');
  if (!branches || branches.length !== 1) return property;
  const { anyOf: _anyOf, ...rest } = property;
  return { ...branches[0], ...rest };
}

/** Labelled choices: `oneOf` of `{ const, title }` (the server lists the organisation's people so). */
function choicesOf(property: JsonSchemaProperty): Array<{ title: string; value: string | number }> {
  return (property.oneOf ?? []).filter((c) => c.const !== undefined).map((c) => ({ title: c.title ?? String(c.const), value: c.const }));
}

function kindOf(name: string, property: JsonSchemaProperty): FieldKind {
  const widget = widgetOf(name, property);
  if (widget === 'money') return 'money';
  if (widget === 'datetime') return 'datetime';
  if (pickerOf(widget)) return 'picker';
  if ((Array.isArray(property.enum) && property.enum.length) || choicesOf(property).length) return 'select';
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
  return [...required, ...rest].map((name) => [name, plain(properties[name]!)]);
}

/** An amount is typed in euros: a label written for the stored cents loses its "(centimes)". */
function labelOf(name: string, property: JsonSchemaProperty, kind: FieldKind): string {
  const label = property.title ?? name;
  return kind === 'money' ? label.replace(/\s*\((centimes|cents)\)\s*$/i, '') : label;
}

function pickerField(widget: string | undefined): FormField['picker'] {
  const found = pickerOf(widget);
  return found && { widget: found.picker.widget, argument: found.argument };
}

export function fieldsOf(schema: JsonSchemaObject): FormField[] {
  const required = new Set(schema.required ?? []);
  return orderedProperties(schema).map(([name, property]) => {
    const kind = kindOf(name, property);
    return {
      name,
      kind,
      label: labelOf(name, property, kind),
      description: property.description,
      required: required.has(name),
      options: property.enum?.length ? property.enum.map((value) => ({ title: String(value), value })) : choicesOf(property),
      maxLength: property.maxLength,
      picker: kind === 'picker' ? pickerField(widgetOf(name, property)) : undefined,
    };
  });
}

function propertyOf(schema: JsonSchemaObject, name: string): JsonSchemaProperty {
  return plain(schema.properties?.[name] ?? {});
}

/** Defaults from the schema, as typed; a checkbox starts unchecked (false), everything else empty. */
export function initialValues(schema: JsonSchemaObject, options: FormOptions = DEFAULTS): FormValues {
  const values: FormValues = {};
  for (const field of fieldsOf(schema)) {
    const byDefault = propertyOf(schema, field.name).default;
    if (byDefault === undefined || byDefault === null) {
      values[field.name] = field.kind === 'boolean' ? false : field.kind === 'select' || field.kind === 'picker' ? null : '';
      continue;
    }
    switch (field.kind) {
      case 'money': values[field.name] = centsToInput(byDefault as number); break;
      case 'datetime': values[field.name] = toLocalInput(String(byDefault), options.timeZone); break;
      case 'number': case 'integer': values[field.name] = String(byDefault); break;
      default: values[field.name] = byDefault;
    }
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

/** The typed value as the server expects it (cents, ISO date-time with offset, a number), or undefined if it cannot be. */
function valueOf(field: FormField, value: unknown, options: FormOptions): unknown {
  switch (field.kind) {
    case 'money': return parseEuros(String(value)) ?? undefined;
    case 'datetime': return fromLocalInput(String(value), options.timeZone) ?? undefined;
    case 'number': return numberOf(value);
    case 'integer': { const n = numberOf(value); return n !== undefined && Number.isInteger(n) ? n : undefined; }
    default: return typeof value === 'string' ? value.trim() : value;
  }
}

/** The same checks the server makes, so that most mistakes show before sending. */
export function validateValues(schema: JsonSchemaObject, values: FormValues, options: FormOptions = DEFAULTS): Record<string, string> {
  const t = i18n.global.t;
  const errors: Record<string, string> = {};
  for (const field of fieldsOf(schema)) {
    const value = values[field.name];
    const property = propertyOf(schema, field.name);
    if (isBlank(value)) {
      if (field.required) errors[field.name] = t('errors.required');
      continue;
    }
    const sent = valueOf(field, value, options);
    if (field.kind === 'money' || field.kind === 'number' || field.kind === 'integer') {
      const shown = (n: number) => (field.kind === 'money' ? formatMoney(n) : n);
      if (typeof sent !== 'number') errors[field.name] = t(field.kind === 'money' ? 'process.forms.amount' : 'errors.number');
      else if (property.minimum !== undefined && sent < property.minimum) errors[field.name] = t('process.forms.min', { n: shown(property.minimum) });
      else if (property.maximum !== undefined && sent > property.maximum) errors[field.name] = t('process.forms.max', { n: shown(property.maximum) });
    } else if (field.kind === 'datetime') {
      if (sent === undefined) errors[field.name] = t('process.forms.dateTime');
    } else if (typeof value === 'string') {
      if (property.maxLength !== undefined && value.length > property.maxLength) errors[field.name] = t('process.forms.maxLength', { n: property.maxLength });
      else if (property.minLength !== undefined && value.trim().length < property.minLength) errors[field.name] = t('process.forms.minLength', { n: property.minLength });
    }
  }
  return errors;
}

/** The data sent to the server: numbers as numbers, amounts in cents, date-times with their offset, blank optional fields left out. */
export function toData(schema: JsonSchemaObject, values: FormValues, options: FormOptions = DEFAULTS): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fieldsOf(schema)) {
    const value = values[field.name];
    if (!isBlank(value)) data[field.name] = valueOf(field, value, options);
  }
  return data;
}
