import { parseInput as parseField, toInput as fieldToInput, type RecordField } from '@/shared/record-fields';
import { parseThresholds, thresholdsText, type AlertThreshold, type Contract } from './contracts.api';

/**
 * A contract's fields edited in its panel with the shared record editor (the API's `contractUpdate`:
 * its type and client are fixed once created). `select` fields pick among choices the panel loads
 * (status, pack size, account manager, client contact, SLA policy); `thresholds` are typed as
 * « 20 %, 10 %, 2 h ». `hourBank`: shown for hour banks only.
 */
export type ContractFieldKind = 'text' | 'textarea' | 'date' | 'money' | 'select' | 'pack' | 'thresholds';

export type ContractField = RecordField<ContractFieldKind> & { hourBank?: boolean };

export const CONTRACT_FIELDS: readonly ContractField[] = [
  { key: 'name', kind: 'text', nullable: false, wide: true },
  { key: 'status', kind: 'select', nullable: false },
  { key: 'hourlyRateCents', kind: 'money', nullable: false },
  { key: 'startDate', kind: 'date', nullable: false },
  { key: 'endDate', kind: 'date', nullable: true },
  { key: 'packMinutes', kind: 'pack', nullable: false, hourBank: true },
  { key: 'packPriceCents', kind: 'money', nullable: true, hourBank: true },
  { key: 'alertThresholds', kind: 'thresholds', nullable: false, hourBank: true, wide: true },
  { key: 'accountManagerId', kind: 'select', nullable: true },
  { key: 'clientContactId', kind: 'select', nullable: true },
  { key: 'slaPolicyId', kind: 'select', nullable: true, wide: true },
  { key: 'notes', kind: 'textarea', nullable: true, wide: true },
];

export function contractFieldOf(key: string): ContractField | undefined {
  return CONTRACT_FIELDS.find((f) => f.key === key);
}

/** The fields a contract of this type shows. */
export function contractFieldsFor(contract: Pick<Contract, 'type'>): ContractField[] {
  return CONTRACT_FIELDS.filter((f) => !f.hourBank || contract.type === 'hour-bank');
}

export function contractToInput(field: ContractField, value: unknown, timeZone: string): string {
  if (field.kind === 'thresholds') return thresholdsText(Array.isArray(value) ? (value as AlertThreshold[]) : []);
  if (field.kind === 'select' || field.kind === 'pack') return value === null || value === undefined ? '' : String(value);
  return fieldToInput(field, value, timeZone);
}

/** Typed text back to the API's value; `thresholds` when « 20 %, 10 %, 2 h » cannot be read. */
export function parseContractInput(field: ContractField, text: string, timeZone: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (field.kind === 'thresholds') {
    const parsed = parseThresholds(text);
    return parsed ? { ok: true, value: parsed } : { ok: false, error: 'thresholds' };
  }
  if (field.kind === 'pack') return parseField({ kind: 'integer', nullable: false }, text, timeZone);
  if (field.kind === 'select') return text.trim() === '' ? (field.nullable ? { ok: true, value: null } : { ok: false, error: 'required' }) : { ok: true, value: text.trim() };
  return parseField(field, text, timeZone);
}
