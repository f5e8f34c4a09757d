import { ValidationError } from '@glint/domain-errors';
import { textProblemsIn } from './text-rules';

/**
 * The refusal of a value (a body, a parameter, a socket frame's data) holding text that breaks a
 * rule, naming each field; null when all its text is fine. HTTP and sockets answer it alike.
 */
export function textRefusal(value: unknown, field = ''): ValidationError | null {
  const problems = textProblemsIn(value, field);
  if (problems.length === 0) return null;
  return new ValidationError('invalid_text', problems.map((problem) => problem.message).join('; '), problems[0].field, problems);
}
