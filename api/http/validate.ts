import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../../domain/errors';
import { coreMessage } from '../../domain/i18n/core.messages';
import { issueMessage } from '../../domain/i18n/zod-issues';

/** Parses input with a zod schema; on failure names every faulty field, with a catalogue message each. Nothing is written before this passes. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, where = 'body'): z.infer<T> {
  // reportInput: zod 4 leaves `input` out of issues unless asked, and a wrong type must not read "is required".
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: coreMessage('field.unknown') }));
    }
    const field = issue.path.length ? issue.path.join('.') : where;
    return [{ field, message: issueMessage(issue) }];
  });
  throw new ValidationError(problems);
}
