import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when sent, must pass its rules: unlike `@IsOptional()`,
 * `null` is checked (and refused by a type rule) instead of passing as "not sent".
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
