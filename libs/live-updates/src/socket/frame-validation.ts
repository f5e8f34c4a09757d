import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@glint/domain-errors';

/**
 * Frame data is checked against its DTO as request bodies are (global pipes do not reach
 * WebSocket gateways): unknown fields are refused, and the error names each field and its rule.
 */
export function frameValidationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: invalidFrame });
}

function invalidFrame(errors: ClassValidatorError[]): ValidationError {
  const problems = errors.flatMap((error) => Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field: error.property, rule, message })));
  return new ValidationError('invalid_frame', problems.length > 0 ? problems.map((problem) => problem.message).join('; ') : 'The frame data is not valid.', problems[0]?.field, problems);
}
