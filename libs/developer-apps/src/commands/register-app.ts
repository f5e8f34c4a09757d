import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type AppScope, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { newClientId, newClientSecret, sha256 } from '../app-credentials';
import { developerAppDecider } from '../developer-app-decider';
import { appStreamName, type AppRegistered } from '../events';

/** An app without scopes asked for may read only what the public pages show. */
export const DEFAULT_APP_SCOPES: readonly AppScope[] = ['public'];

export interface AppRegistration {
  name: string;
  description?: string;
  scopes?: readonly string[];
}

/** The client secret is in here and nowhere else: it is shown once. */
export interface RegisteredApp {
  appId: string;
  clientId: string;
  clientSecret: string;
  scopes: AppScope[];
}

/** A signed-in user registers an app, for client-credentials tokens. */
export class RegisterAppCommand extends Command<RegisteredApp> {
  constructor(
    readonly principal: Principal,
    readonly registration: AppRegistration,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterAppCommand)
export class RegisterAppHandler implements ICommandHandler<RegisterAppCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, registration, context }: RegisterAppCommand): Promise<RegisteredApp> {
    const owner = requireUser(principal);
    const appId = randomUUID();
    const clientId = newClientId();
    const clientSecret = newClientSecret();
    // The owner asks for a token with the new credentials next: the client id must be found by then.
    const handled = await this.streams.handle(
      appStreamName(appId),
      developerAppDecider,
      {
        type: 'RegisterApp',
        appId,
        ownerId: owner.userId,
        name: registration.name,
        description: registration.description ?? '',
        clientId,
        secretHash: sha256(clientSecret),
        scopes: registration.scopes ?? DEFAULT_APP_SCOPES,
      },
      context,
      { readYourWrites: true },
    );
    const { scopes } = handled.appended[0].data as AppRegistered['data'];
    return { appId, clientId, clientSecret, scopes };
  }
}
