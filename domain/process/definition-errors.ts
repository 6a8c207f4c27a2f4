import { DomainError } from '../errors';
import type { DefinitionProblem } from './bpmn-model';

/** A BPMN or DMN file over the size limit: 413 rather than 422. */
export class DefinitionTooLargeError extends DomainError {
  constructor(problems: DefinitionProblem[]) {
    super(problems[0]?.message ?? 'The file is too large.', 413, 'too-large', { problems });
  }
}
