/**
 * Typed business errors. The API's error middleware turns each into an
 * application/problem+json answer; messages are written for the person who
 * has to act on them.
 */
export class DomainError extends Error {
  constructor(message: string, readonly status: number, readonly type: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * How many problems an answer lists (`errors`, `problems`; the API's problem
 * handler cuts the lists and counts the rest): a request with 50,000 unknown
 * keys must not earn a 5 MB answer.
 */
export const MAX_LISTED_PROBLEMS = 50;

export class ValidationError extends DomainError {
  constructor(readonly problems: FieldProblem[], message?: string) {
    const text = (list: FieldProblem[]) => list.map((p) => `${p.field} ${p.message}`).join('; ');
    super(
      message ?? (problems.length > MAX_LISTED_PROBLEMS
        ? `Requête invalide : ${problems.length} erreurs, dont les ${MAX_LISTED_PROBLEMS} premières sont listées dans « errors » (${text(problems.slice(0, 3))}…).`
        : `Invalid request: ${text(problems)}`),
      400, 'validation', { errors: problems },
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} was not found, or you do not have access to it.`, 404, 'not-found');
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message, 403, 'forbidden');
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Sign in again: your session is missing, expired or invalid.') {
    super(message, 401, 'unauthorized');
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor() {
    super('Send the record\'s current version in the If-Match header (from its ETag or its "version" field) so that nobody\'s change is overwritten.', 428, 'precondition-required');
  }
}

/** Someone else saved the record first: the answer carries the current version. */
export class StaleVersionError extends DomainError {
  constructor(current: unknown) {
    super('This record was changed by someone else since you opened it. Review their change, then apply yours again.', 412, 'stale-version', { current });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, 409, 'conflict', extra);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, 422, 'unprocessable', extra);
  }
}

/** A well-formed request that a business rule refuses (422), naming the field concerned. */
export function ruleViolation(field: string, message: string): UnprocessableError {
  return new UnprocessableError(`${field}: ${message}`, { errors: [{ field, message }] });
}
