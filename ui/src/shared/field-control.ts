/**
 * How one field of a record's panel is edited: the props of `RecordFieldInput` other than the editor, the record
 * and the field's key. Each record kind's field list says it per field (`RecordFieldRow`'s `controlOf`).
 */
export interface FieldControl {
  label: string;
  control: 'select' | 'textarea' | 'text';
  items?: unknown[];
  type?: string;
  inputmode?: string;
  suffix?: string;
  shown?: string;
}
