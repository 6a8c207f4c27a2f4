import { coreMessage } from './i18n/core.messages';
import { DEFAULT_LOCALE, Message, renderText, type Text } from './i18n/messages';

/**
 * Typed business errors. The API's error middleware turns each into an
 * application/problem+json answer; messages are written for the person who
 * has to act on them, as catalogue messages (code and parameters, written in
 * the reader's language when answered: docs/adr/0010-server-messages.md).
 * A plain string is a text not translated yet. `message` is the French text.
 */
export class DomainError extends Error {
  constructor(readonly detail: Text, readonly status: number, readonly type: string, readonly extra: Record<string, unknown> = {}) {
    super(renderText(detail, DEFAULT_LOCALE));
  }
}

export interface FieldProblem {
  field: string;
  message: Text;
}

/** A noun in both languages (`{ fr: 'compte', en: 'account' }`). */
export interface Names {
  fr: string;
  en: string;
}

/**
 * How many problems an answer lists (`errors`, `problems`; the API's problem
 * handler cuts the lists and counts the rest): a request with 50,000 unknown
 * keys must not earn a 5 MB answer.
 */
export const MAX_LISTED_PROBLEMS = 50;

export class ValidationError extends DomainError {
  constructor(readonly problems: FieldProblem[], message?: Text) {
    super(
      message ?? (problems.length > MAX_LISTED_PROBLEMS
        ? coreMessage('error.validation-many', { count: problems.length, listed: MAX_LISTED_PROBLEMS, first: problems.slice(0, 3) })
        : coreMessage('error.validation', { problems })),
      400, 'validation', { errors: problems },
    );
  }
}

export class NotFoundError extends DomainError {
  /** `what` names its kind in both languages (`{ fr: 'compte', en: 'account' }`), or is the whole message (one naming a key or a version). */
  constructor(what: Names | Message) {
    super(what instanceof Message ? what : coreMessage('error.not-found', what), 404, 'not-found');
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: Text) {
    super(message, 403, 'forbidden');
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message: Text = coreMessage('error.unauthorized')) {
    super(message, 401, 'unauthorized');
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor() {
    super(coreMessage('error.precondition-required'), 428, 'precondition-required');
  }
}

/**
 * The version an update or delete expects (If-Match): the one the client read, or `*` (RFC 9110
 * §13.1.1: whatever version is current; the record must still exist, else 404). Undefined where
 * If-Match is optional and was not sent.
 */
export type ExpectedVersion = number | '*';

/** Whether a record at version `current` meets the expectation: none, any (`*`), or that very version. */
export function versionMatches(expected: ExpectedVersion | undefined, current: unknown): boolean {
  return expected === undefined || expected === '*' || expected === Number(current);
}

/** Someone else saved the record first: the answer carries the current version. */
export class StaleVersionError extends DomainError {
  constructor(current: unknown) {
    super(coreMessage('error.stale-version'), 412, 'stale-version', { current });
  }
}

export class ConflictError extends DomainError {
  constructor(message: Text, extra: Record<string, unknown> = {}) {
    super(message, 409, 'conflict', extra);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: Text, extra: Record<string, unknown> = {}) {
    super(message, 422, 'unprocessable', extra);
  }
}

/**
 * A well-formed request that a business rule refuses (422), naming the field
 * concerned in `errors`. A catalogue message is the detail as it is (it reads
 * as a sentence); a text not translated yet follows the field's name.
 */
export function ruleViolation(field: string, message: Text): UnprocessableError {
  return new UnprocessableError(typeof message === 'string' ? `${field}: ${message}` : message, { errors: [{ field, message }] });
}
