import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ChatModule, chatPublications } from '@glint/chat';
import { LiveRelayModule, LiveUpdatesModule } from '@glint/live-updates';
import { channelPagePublications } from './live/channel-page-publications';
import { channelIdFromReadModels } from './live/live-channels';
import { DeveloperAppsModule } from '@glint/developer-apps';
import { SupportModule } from '@glint/support';
import { AccountUpkeepModule, IdentityModule, MailOutboxModule } from '@glint/identity';
import { MailModule } from '@glint/mail';
import { ModerationModule } from '@glint/moderation';
import { ChannelsModule } from '@glint/channels';
import { CommunityModule } from '@glint/community';
import { PaymentsModule } from '@glint/payments';
import { NotificationsModule } from '@glint/notifications';
import { GatewayModule } from '@glint/gateway';
import { GatewayLostSweeperModule, StreamsModule, streamPublications } from '@glint/streams';
import { AccessModule } from '@glint/access';
import { ApiModule } from '@glint/api';
import { projections } from '@glint/projections';
import { CorrelationIdMiddleware, GlintRuntimeModule, type RuntimeResources } from '@glint/runtime';
import { HealthModule } from './health/health.module';
import { PlatformMetricsModule } from './metrics/metrics.module';
import { WatchPagesModule } from './watch/watch-pages.module';

/**
 * The all-in-one platform `npm start` runs: the HTTP API, the sockets, the WHIP/WHEP gateway, the
 * projections, the live relay and the workers, on the runtime every Glint process shares.
 */
@Module({})
export class PlatformModule implements NestModule {
  static register(resources: RuntimeResources): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        GlintRuntimeModule.register(resources, { projections, runProjections: true }),
        ApiModule,
        AccessModule,
        DeveloperAppsModule,
        SupportModule,
        IdentityModule,
        MailModule,
        MailOutboxModule,
        AccountUpkeepModule,
        ChatModule,
        ModerationModule,
        ChannelsModule,
        CommunityModule,
        PaymentsModule,
        GatewayModule,
        StreamsModule,
        GatewayLostSweeperModule,
        LiveUpdatesModule.register({ channelIdOf: channelIdFromReadModels }),
        LiveRelayModule.register([chatPublications, channelPagePublications, streamPublications]),
        NotificationsModule,
        HealthModule,
        PlatformMetricsModule,
        // Last: its /:username must never shadow another route.
        WatchPagesModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*');
  }
}
