import { Module, type DynamicModule } from '@nestjs/common';
import { IdentityModule } from '@glint/identity';
import { MailModule } from '@glint/mail';
import { projections } from '@glint/projections';
import { GlintRuntimeModule, type RuntimeResources } from '@glint/runtime';
import { SupportModule } from '@glint/support';

/**
 * What the CLI runs: the runtime every Glint process shares, without Redis and without keeping the
 * read models up to date (a running platform does that; the CLI catches up what it reads), and the
 * contexts whose commands it sends, with none of their workers.
 */
@Module({})
export class CliModule {
  static register(resources: RuntimeResources): DynamicModule {
    return { module: CliModule, imports: [GlintRuntimeModule.register(resources, { projections, runProjections: false }), IdentityModule, MailModule, SupportModule] };
  }
}
