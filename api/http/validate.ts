import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../../domain/errors';

/** Parses input with a zod schema; on failure names every faulty field. Nothing is written before this passes. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, where = 'body'): z.infer<T> {
  // reportInput: zod 4 leaves `input` out of issues unless asked, and a wrong type must not read "is required".
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'is not a known field; remove it' }));
    }
    const field = issue.path.length ? issue.path.join('.') : where;
    const message = issue.code === 'invalid_type'
      ? (issue.input === undefined || issue.input === null ? 'is required' : `must be ${issue.expected}`)
      : issue.message;
    return [{ field, message }];
  });
  throw new ValidationError(problems);
}
