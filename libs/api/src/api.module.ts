import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { inputValidationPipe } from './input-validation';
import { NoBodyRoutesInterceptor } from './no-body-routes.interceptor';
import { ProblemDetailsFilter } from './problem-details.filter';
import { TextInputPipe } from './text-input';

/**
 * What every route shares: text checked for what no field may hold, then input validated against
 * its DTO (pipes run in the order given here), bodies refused where a route reads none, errors
 * answered as problem details.
 */
@Module({
  providers: [
    { provide: APP_PIPE, useClass: TextInputPipe },
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: NoBodyRoutesInterceptor },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class ApiModule {}
