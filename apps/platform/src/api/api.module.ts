import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { inputValidationPipe } from './input-validation';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What every route shares: input validated against its DTO, errors answered as problem details. */
@Module({
  providers: [
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class ApiModule {}
