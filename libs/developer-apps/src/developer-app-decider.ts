import { timingSafeEqual } from 'node:crypto';
import { APP_SCOPES, type AppScope } from '@glint/access';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { DeveloperAppEvent } from './events';

export const APP_NAME_LENGTH = { min: 3, max: 50 } as const;
export const APP_DESCRIPTION_MAX_LENGTH = 500;
/** Client-credentials tokens are short-lived: a leaked one is useless within the hour. */
export const APP_TOKEN_LIFETIME_SECONDS = 3600;

export type DeveloperApp =
  | { status: 'unregistered' }
  | { status: 'registered'; appId: string; ownerId: string; secretHash: string; scopes: AppScope[] }
  | { status: 'deleted'; appId: string; ownerId: string };

export type RegisterApp = {
  type: 'RegisterApp';
  appId: string;
  ownerId: string;
  name: string;
  description: string;
  clientId: string;
  secretHash: string;
  scopes: readonly string[];
};
export type RotateAppSecret = { type: 'RotateAppSecret'; appId: string; requestedBy: string; secretHash: string };
/** What the platform's sanctions on an app's owner say about the app: it acts for them, so it stops with them. */
export interface AppOwnerStanding {
  globallyBanned: boolean;
  deleted: boolean;
}

export type IssueAppToken = {
  type: 'IssueAppToken';
  appId: string;
  owner: AppOwnerStanding;
  /** SHA-256 of the secret the client presented. */
  presentedSecretHash: string;
  /** The scopes asked for; empty asks for every scope the app has. */
  requestedScopes: readonly string[];
  tokenHash: string;
  now: Date;
};
export type DeleteApp = { type: 'DeleteApp'; appId: string; requestedBy: string };

export type DeveloperAppCommand = RegisterApp | RotateAppSecret | IssueAppToken | DeleteApp;

const INVALID_CLIENT_MESSAGE = 'The client id or secret is wrong, or the app was deleted: use the secret shown when the app was registered or its secret last rotated.';
const SUSPENDED_CLIENT_MESSAGE = {
  globallyBanned: 'This app is suspended: its owner is banned from Glint. It gets tokens again if the ban is lifted.',
  deleted: 'This app is suspended for good: its owner deleted their Glint account.',
} as const;

export const developerAppDecider: Decider<DeveloperApp, DeveloperAppCommand, DeveloperAppEvent> = {
  initialState: { status: 'unregistered' },

  evolve(state, event) {
    switch (event.type) {
      case 'AppRegistered':
        return { status: 'registered', appId: event.data.appId, ownerId: event.data.ownerId, secretHash: event.data.secretHash, scopes: event.data.scopes };
      case 'AppSecretRotated':
        return state.status === 'registered' ? { ...state, secretHash: event.data.secretHash } : state;
      case 'AppTokenIssued':
        return state;
      case 'AppDeleted':
        return { status: 'deleted', appId: event.data.appId, ownerId: event.data.ownerId };
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterApp':
        return register(command, state);
      case 'RotateAppSecret': {
        const app = ownedApp(state, command.requestedBy);
        if (app.status === 'deleted') throw appNotFound();
        return [{ type: 'AppSecretRotated', data: { appId: app.appId, ownerId: app.ownerId, secretHash: command.secretHash } }];
      }
      case 'IssueAppToken':
        return issueToken(command, state);
      case 'DeleteApp': {
        const app = ownedApp(state, command.requestedBy);
        // Deleting twice is a retry, not a mistake: it records nothing.
        if (app.status === 'deleted') return [];
        return [{ type: 'AppDeleted', data: { appId: app.appId, ownerId: app.ownerId } }];
      }
      default:
        return unreachable(command);
    }
  },
};

function register(command: RegisterApp, state: DeveloperApp): DeveloperAppEvent[] {
  if (state.status !== 'unregistered') throw new ConflictError('app_already_registered', `App ${command.appId} is already registered; register a new app instead.`);
  const name = command.name.trim();
  if (name.length < APP_NAME_LENGTH.min || name.length > APP_NAME_LENGTH.max) {
    throw new ValidationError('invalid_app_name', `An app name is ${APP_NAME_LENGTH.min} to ${APP_NAME_LENGTH.max} characters long.`, 'name');
  }
  const description = command.description.trim();
  if (description.length > APP_DESCRIPTION_MAX_LENGTH) {
    throw new ValidationError('invalid_app_description', `An app description is at most ${APP_DESCRIPTION_MAX_LENGTH} characters long.`, 'description');
  }
  const scopes = knownScopes(command.scopes, 'scopes', 'unknown_scope');
  if (scopes.length === 0) throw new ValidationError('no_scopes', `Give the app at least one scope: ${APP_SCOPES.join(', ')}.`, 'scopes');
  const { appId, ownerId, clientId, secretHash } = command;
  return [{ type: 'AppRegistered', data: { appId, ownerId, name, description, clientId, secretHash, scopes } }];
}

function issueToken(command: IssueAppToken, state: DeveloperApp): DeveloperAppEvent[] {
  if (state.status !== 'registered' || !sameHash(state.secretHash, command.presentedSecretHash)) {
    throw new UnauthenticatedError('invalid_client', INVALID_CLIENT_MESSAGE);
  }
  // Said only to a client that proved its secret, so the owner's standing is told to nobody else.
  if (command.owner.deleted) throw new UnauthenticatedError('invalid_client', SUSPENDED_CLIENT_MESSAGE.deleted);
  if (command.owner.globallyBanned) throw new UnauthenticatedError('invalid_client', SUSPENDED_CLIENT_MESSAGE.globallyBanned);
  const scopes = command.requestedScopes.length === 0 ? state.scopes : knownScopes(command.requestedScopes, 'scope', 'invalid_scope');
  const beyond = scopes.filter((scope) => !state.scopes.includes(scope));
  if (beyond.length > 0) {
    throw new ValidationError('invalid_scope', `This app may ask only for ${state.scopes.join(', ')}; not for ${beyond.join(', ')}.`, 'scope');
  }
  const expiresAt = new Date(command.now.getTime() + APP_TOKEN_LIFETIME_SECONDS * 1000).toISOString();
  return [{ type: 'AppTokenIssued', data: { appId: state.appId, ownerId: state.ownerId, tokenHash: command.tokenHash, scopes, expiresAt } }];
}

function ownedApp(state: DeveloperApp, requestedBy: string): Exclude<DeveloperApp, { status: 'unregistered' }> {
  if (state.status === 'unregistered') throw appNotFound();
  if (state.ownerId !== requestedBy) throw new ForbiddenError('not_app_owner', 'Only the user who registered this app may change or delete it.');
  return state;
}

function appNotFound(): NotFoundError {
  return new NotFoundError('app_not_found', 'There is no such app (it may have been deleted); list yours with GET /api/apps.');
}

/** The scopes named, each once, in the order APP_SCOPES lists them; an unknown one is refused. */
function knownScopes(named: readonly string[], field: string, code: string): AppScope[] {
  const unknown = named.filter((scope) => !(APP_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new ValidationError(code, `Unknown scope ${unknown.map((scope) => `"${scope}"`).join(', ')}; the scopes are ${APP_SCOPES.join(', ')}.`, field);
  return APP_SCOPES.filter((scope) => named.includes(scope));
}

/** Compares two SHA-256 hex digests in constant time, so response times reveal nothing about a secret. */
function sameHash(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
