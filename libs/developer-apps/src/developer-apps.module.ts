import { Global, Module } from '@nestjs/common';
import { APP_TOKEN_RESOLVER } from '@glint/access';
import { ThrottlesModule } from '@glint/throttles';
import { AppTokenResolver } from './app-token-resolver';
import { DeleteAppHandler } from './commands/delete-app';
import { IssueAppTokenHandler } from './commands/issue-app-token';
import { RegisterAppHandler } from './commands/register-app';
import { RotateAppSecretHandler } from './commands/rotate-app-secret';
import { AppsController } from './http/apps.controller';
import { OAuthTokenController } from './http/oauth-token.controller';
import { StaffAppsController } from './http/staff-apps.controller';
import { ListAppsOfUserHandler } from './queries/list-apps-of-user';
import { ListMyAppsHandler } from './queries/list-my-apps';

/** Global so the platform's access guard finds the app-token resolver it composes. */
@Global()
@Module({
  imports: [ThrottlesModule],
  controllers: [AppsController, OAuthTokenController, StaffAppsController],
  providers: [
    RegisterAppHandler,
    RotateAppSecretHandler,
    DeleteAppHandler,
    IssueAppTokenHandler,
    ListMyAppsHandler,
    ListAppsOfUserHandler,
    AppTokenResolver,
    { provide: APP_TOKEN_RESOLVER, useExisting: AppTokenResolver },
  ],
  exports: [APP_TOKEN_RESOLVER],
})
export class DeveloperAppsModule {}
