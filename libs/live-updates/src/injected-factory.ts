import type { InjectionToken } from '@nestjs/common';

/**
 * What the process composing the platform hands a live-updates module, built by Nest from the
 * providers it names: this library knows no context, so whatever needs one comes in this way.
 */
export interface InjectedFactory<T> {
  inject: InjectionToken[];
  useFactory: (...dependencies: any[]) => T;
}
