import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@glint/domain-errors';

/**
 * Request bodies, queries and parameters are checked against their DTO before a handler sees them:
 * unknown fields are refused, and the error names every field and the rule it broke.
 */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidInput(errors),
  });
}

export function invalidInput(errors: ClassValidatorError[]): ValidationError {
  const problems = errors.flatMap((error) => flatten(error, ''));
  const first = problems[0];
  return new ValidationError(
    'invalid_input',
    first ? problems.map((problem) => problem.message).join('; ') : 'The request is not valid.',
    first?.field,
    problems,
  );
}

function flatten(error: ClassValidatorError, parent: string): Array<{ field: string; rule: string; message: string }> {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}
