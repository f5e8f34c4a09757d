import { Module } from '@nestjs/common';
import { ThrottleGuard } from './throttled';
import { Throttles } from './throttles';

/** The platform's throttles, on the process's Redis: a context that throttles imports this. */
@Module({
  providers: [Throttles, ThrottleGuard],
  exports: [Throttles, ThrottleGuard],
})
export class ThrottlesModule {}
