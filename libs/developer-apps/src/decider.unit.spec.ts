import { DomainError } from '@glint/domain-errors';
import { foldEvents } from '@glint/event-sourcing';
import { developerAppDecider, type DeveloperAppCommand } from './decider';
import type { DeveloperAppEvent } from './events';

const appId = '5b0f7c1e-3d2a-4f6b-9c8d-1e2f3a4b5c6d';
const ana = 'user-ana-id';
const ben = 'user-ben-id';
const secretHash = 'a'.repeat(64);
const newSecretHash = 'b'.repeat(64);
const now = new Date('2026-11-24T10:00:00.000Z');

const registered: DeveloperAppEvent = {
  type: 'AppRegistered',
  data: { appId, ownerId: ana, name: 'Clip Bot', description: 'Makes clips', clientId: 'client-1', secretHash, scopes: ['public', 'chat'] },
};
const rotated: DeveloperAppEvent = { type: 'AppSecretRotated', data: { appId, ownerId: ana, secretHash: newSecretHash } };
const deleted: DeveloperAppEvent = { type: 'AppDeleted', data: { appId, ownerId: ana } };
const issued = (scopes: Array<'public' | 'chat'>): DeveloperAppEvent => ({
  type: 'AppTokenIssued',
  data: { appId, ownerId: ana, tokenHash: 'c'.repeat(64), scopes, expiresAt: '2026-11-24T11:00:00.000Z' },
});

const register = (overrides: Partial<Extract<DeveloperAppCommand, { type: 'RegisterApp' }>> = {}): DeveloperAppCommand => ({
  type: 'RegisterApp', appId, ownerId: ana, name: 'Clip Bot', description: 'Makes clips', clientId: 'client-1', secretHash, scopes: ['chat', 'public'], ...overrides,
});
const rotate = (requestedBy = ana): DeveloperAppCommand => ({ type: 'RotateAppSecret', appId, requestedBy, secretHash: newSecretHash });
const issue = (presentedSecretHash: string, requestedScopes: string[] = []): DeveloperAppCommand => ({
  type: 'IssueAppToken', appId, presentedSecretHash, requestedScopes, tokenHash: 'c'.repeat(64), now,
});
const remove = (requestedBy = ana): DeveloperAppCommand => ({ type: 'DeleteApp', appId, requestedBy });

type Refusal = { refused: string; code: string; field?: string };
const refused = (kind: string, code: string, field?: string): Refusal => ({ refused: kind, code, ...(field ? { field } : {}) });

function outcome(given: DeveloperAppEvent[], when: DeveloperAppCommand): DeveloperAppEvent[] | Refusal {
  try {
    return developerAppDecider.decide(when, foldEvents(developerAppDecider, given));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refused(error.name, error.code, error.field);
  }
}

describe('the developer app decider', () => {
  it.each<[string, DeveloperAppEvent[], DeveloperAppCommand, DeveloperAppEvent[] | Refusal]>([
    ['registering records the app, its scopes once each in the canonical order', [], register({ scopes: ['chat', 'public', 'chat'] }), [registered]],
    ['registering trims the name and description', [], register({ name: '  Clip Bot ', description: ' Makes clips\n' }), [registered]],
    ['registering an id already taken is refused', [registered], register(), refused('ConflictError', 'app_already_registered')],
    ['registering a deleted app id again is refused', [registered, deleted], register(), refused('ConflictError', 'app_already_registered')],
    ['a name of two characters is refused', [], register({ name: 'ab' }), refused('ValidationError', 'invalid_app_name', 'name')],
    ['a name of spaces around two characters is refused', [], register({ name: '   ab   ' }), refused('ValidationError', 'invalid_app_name', 'name')],
    ['a name of 51 characters is refused', [], register({ name: 'x'.repeat(51) }), refused('ValidationError', 'invalid_app_name', 'name')],
    ['a description of 501 characters is refused', [], register({ description: 'x'.repeat(501) }), refused('ValidationError', 'invalid_app_description', 'description')],
    ['no scope at all is refused', [], register({ scopes: [] }), refused('ValidationError', 'no_scopes', 'scopes')],
    ['an unknown scope is refused', [], register({ scopes: ['public', 'admin'] }), refused('ValidationError', 'unknown_scope', 'scopes')],

    ['the owner rotates the secret', [registered], rotate(), [rotated]],
    ['rotating twice records both', [registered, rotated], rotate(), [rotated]],
    ['another user may not rotate it', [registered], rotate(ben), refused('ForbiddenError', 'not_app_owner')],
    ['rotating an unknown app is refused', [], rotate(), refused('NotFoundError', 'app_not_found')],
    ['rotating a deleted app is refused', [registered, deleted], rotate(), refused('NotFoundError', 'app_not_found')],

    ['a token with no scope asked for gets every scope of the app, for an hour', [registered], issue(secretHash), [issued(['public', 'chat'])]],
    ['a token for some of the app’s scopes gets just those', [registered], issue(secretHash, ['chat']), [issued(['chat'])]],
    ['a token for a scope the app lacks is refused', [registered], issue(secretHash, ['public', 'streamkey']), refused('ValidationError', 'invalid_scope', 'scope')],
    ['a token for a scope that does not exist is refused', [registered], issue(secretHash, ['everything']), refused('ValidationError', 'invalid_scope', 'scope')],
    ['a wrong secret gets no token', [registered], issue(newSecretHash), refused('UnauthenticatedError', 'invalid_client')],
    ['a secret that is not a digest gets no token', [registered], issue('not hex'), refused('UnauthenticatedError', 'invalid_client')],
    ['the secret before a rotation gets no token', [registered, rotated], issue(secretHash), refused('UnauthenticatedError', 'invalid_client')],
    ['the secret after a rotation gets a token', [registered, rotated], issue(newSecretHash), [issued(['public', 'chat'])]],
    ['earlier tokens change nothing', [registered, issued(['chat'])], issue(secretHash, ['public']), [issued(['public'])]],
    ['an unknown app gets no token', [], issue(secretHash), refused('UnauthenticatedError', 'invalid_client')],
    ['a deleted app gets no token', [registered, deleted], issue(secretHash), refused('UnauthenticatedError', 'invalid_client')],

    ['the owner deletes the app', [registered, issued(['chat'])], remove(), [deleted]],
    ['deleting it again records nothing', [registered, deleted], remove(), []],
    ['another user may not delete it', [registered], remove(ben), refused('ForbiddenError', 'not_app_owner')],
    ['another user may not delete it even once deleted', [registered, deleted], remove(ben), refused('ForbiddenError', 'not_app_owner')],
    ['deleting an unknown app is refused', [], remove(), refused('NotFoundError', 'app_not_found')],
  ])('%s', (_, given, when, then) => {
    expect(outcome(given, when)).toEqual(then);
  });
});
