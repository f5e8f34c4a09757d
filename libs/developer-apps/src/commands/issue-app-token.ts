import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppScope } from '@glint/access';
import { UnauthenticatedError, ValidationError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { readAccountFacts } from '@glint/identity';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { newAppAccessToken, sha256 } from '../app-credentials';
import { APP_TOKEN_LIFETIME_SECONDS, developerAppDecider } from '../developer-app-decider';
import { appStreamName, type AppTokenIssued } from '../events';
import { findAppByClientId } from '@glint/projections/developer-apps';

/** What a client sends to the token endpoint (RFC 6749, section 4.4). */
export interface ClientCredentialsRequest {
  grantType: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes; absent or empty asks for every scope of the app. */
  scope?: string;
}

export interface IssuedAppToken {
  accessToken: string;
  expiresInSeconds: number;
  scopes: AppScope[];
}

/**
 * An app trades its client id and secret for an access token; no session is needed. An app whose
 * owner is banned or deleted is suspended: it gets none.
 */
export class IssueAppTokenCommand extends Command<IssuedAppToken> {
  constructor(
    readonly request: ClientCredentialsRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(IssueAppTokenCommand)
export class IssueAppTokenHandler implements ICommandHandler<IssueAppTokenCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ request, context }: IssueAppTokenCommand): Promise<IssuedAppToken> {
    if (request.grantType !== 'client_credentials') {
      throw new ValidationError('unsupported_grant_type', 'Glint issues app tokens for grant_type=client_credentials only.', 'grant_type');
    }
    const em = this.readModels.entityManager();
    const app = await findAppByClientId(em, request.clientId);
    if (!app) throw new UnauthenticatedError('invalid_client', 'No app has this client id: use the one shown when the app was registered.');
    const { appId } = app;
    const owner = await readAccountFacts(em, app.ownerId);
    const accessToken = newAppAccessToken();
    // The app calls the API with the token right away: it must resolve by then.
    const handled = await this.streams.handle(
      appStreamName(appId),
      developerAppDecider,
      {
        type: 'IssueAppToken',
        appId,
        owner: { globallyBanned: owner?.globallyBanned ?? false, deleted: owner?.deleted ?? false },
        presentedSecretHash: sha256(request.clientSecret),
        requestedScopes: (request.scope ?? '').split(' ').filter((scope) => scope !== ''),
        tokenHash: sha256(accessToken),
        now: context.now,
      },
      context,
      { readYourWrites: true },
    );
    const issued = handled.appended[0].data as AppTokenIssued['data'];
    return { accessToken, expiresInSeconds: APP_TOKEN_LIFETIME_SECONDS, scopes: issued.scopes };
  }
}
