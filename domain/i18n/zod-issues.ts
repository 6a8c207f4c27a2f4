import type { z } from 'zod';
import { coreMessage, coreMessages } from './core.messages';
import { messageCatalogue } from '../modules/registry';
import { Message, type Entry, type Text } from './messages';

type FieldCode = Extract<keyof typeof coreMessages, `field.${string}`>;

/**
 * The message a schema gives a check (`.email(fieldIssue('field.email'))`):
 * a field code of the catalogue, read back by `issueMessage`. Only codes of
 * the catalogue are accepted; `params` of a custom issue fill its parameters.
 */
export function fieldIssue(code: FieldCode): string {
  return code;
}

function isFieldCode(message: string): message is FieldCode {
  return message.startsWith('field.') && message in coreMessages;
}

/** What a catalogue code looks like (`psa.sla.levels`): a custom check's message that is not a text. */
const CODE = /^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/;

/** A custom check named by a module's catalogue code (`{ message: 'psa.sla.levels' }`): that message; else the text as written. */
function customMessage(issue: Issue): Text {
  if (!CODE.test(issue.message)) return issue.message;
  const entry = messageCatalogue()[issue.message];
  return entry ? new Message(issue.message, (issue as { params?: Record<string, unknown> }).params ?? {}, entry) : issue.message;
}

/** Whether zod wrote this message itself (then the issue's code says it better, in the reader's language). */
const zodDefault = (message: string) => /^(Invalid|Too (big|small)|Expected|Unrecognized|Required)/.test(message);

type Issue = z.core.$ZodIssue & { input?: unknown };

/** A zod issue as a catalogue message (what the schema named, or what its code means); a custom text not translated yet is kept. */
export function issueMessage(issue: Issue): Text {
  const bound = issue as { maximum?: number | bigint; minimum?: number | bigint; origin?: string };
  if (isFieldCode(issue.message)) {
    const params: Record<string, unknown> = { ...((issue as { params?: Record<string, unknown> }).params ?? {}) };
    if (bound.maximum !== undefined) params.max = Number(bound.maximum);
    if (bound.minimum !== undefined) params.min = Number(bound.minimum);
    return new Message(issue.message, params, coreMessages[issue.message] as Entry);
  }
  if (issue.code === 'custom' || (issue.code === 'invalid_format' && !zodDefault(issue.message))) return customMessage(issue);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? coreMessage('field.required') : coreMessage('field.wrong-type', { expected: issue.expected });
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return coreMessage('field.too-long', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return coreMessage('field.too-many', { max });
      return coreMessage('field.too-big', { max });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? coreMessage('field.required') : coreMessage('field.too-short', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return coreMessage('field.too-few', { min });
      return coreMessage('field.too-small', { min });
    }
    case 'invalid_value':
      return coreMessage('field.one-of', { values: issue.values });
    case 'invalid_format':
      if (issue.format === 'email') return coreMessage('field.email');
      if (issue.format === 'uuid' || issue.format === 'guid') return coreMessage('field.uuid');
      return coreMessage('field.invalid');
    case 'unrecognized_keys':
      return coreMessage('field.unknown');
    default:
      return coreMessage('field.invalid');
  }
}
