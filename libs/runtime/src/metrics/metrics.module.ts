import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PLATFORM_METRICS } from '../tokens';
import type { PlatformMetrics } from './platform-metrics';

/** Shares the process's metrics, made at start (see `openRuntimeResources`), with every module. */
@Global()
@Module({})
export class MetricsModule {
  static register(metrics: PlatformMetrics): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: PLATFORM_METRICS, useValue: metrics }], exports: [PLATFORM_METRICS] };
  }
}
