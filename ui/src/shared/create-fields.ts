/** One field of a create dialog (CreateRecordDialog.vue), described as data. */
export interface CreateField {
  key: string;
  label: string;
  required?: boolean;
  /** Input type of a text field; `select` and `textarea` change the control. */
  type?: 'text' | 'email' | 'tel' | 'url' | 'number';
  control?: 'text' | 'select' | 'textarea';
  items?: ReadonlyArray<{ value: string; title: string }>;
  /** Half width from `sm` up (short fields share a row). */
  half?: boolean;
  initial?: string;
  hint?: string;
  /** Shown (and sent) only when this holds for the values typed so far. */
  visible?: (values: Readonly<Record<string, string>>) => boolean;
}

/** The values to send: trimmed, empty and hidden fields left out (the API applies its defaults). */
export function valuesToSend(fields: readonly CreateField[], values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    if (field.visible && !field.visible(values)) continue;
    const value = (values[field.key] ?? '').trim();
    if (value) out[field.key] = value;
  }
  return out;
}

/** The first required field left empty, if any (checked before sending). */
export function missingRequired(fields: readonly CreateField[], values: Readonly<Record<string, string>>): CreateField | undefined {
  return fields.find((f) => f.required && (!f.visible || f.visible(values)) && !(values[f.key] ?? '').trim());
}
