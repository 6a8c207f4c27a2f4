import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../../domain/errors';

/** Parses input with a zod schema; on failure names every faulty field. Nothing is written before this passes. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, where = 'body'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(', '), message: 'is not a known field; remove it' };
    }
    const field = issue.path.length ? issue.path.join('.') : where;
    const message = issue.code === 'invalid_type'
      ? (issue.input === undefined ? 'is required' : `must be ${issue.expected}`)
      : issue.message;
    return { field, message };
  });
  throw new ValidationError(problems);
}
