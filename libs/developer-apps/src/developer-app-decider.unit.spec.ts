import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type DomainError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import { developerAppDecider, type DeveloperAppCommand } from './developer-app-decider';
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
const inGoodStanding = { globallyBanned: false, deleted: false };
const issue = (presentedSecretHash: string, requestedScopes: string[] = [], owner = inGoodStanding): DeveloperAppCommand => ({
  type: 'IssueAppToken', appId, owner, presentedSecretHash, requestedScopes, tokenHash: 'c'.repeat(64), now,
});
const remove = (requestedBy = ana): DeveloperAppCommand => ({ type: 'DeleteApp', appId, requestedBy });

describe('the developer app decider, recording', () => {
  it.each<[string, DeveloperAppEvent[], DeveloperAppCommand, DeveloperAppEvent[]]>([
    ['registering records the app, its scopes once each in the canonical order', [], register({ scopes: ['chat', 'public', 'chat'] }), [registered]],
    ['registering trims the name and description', [], register({ name: '  Clip Bot ', description: ' Makes clips\n' }), [registered]],
    ['the owner rotates the secret', [registered], rotate(), [rotated]],
    ['rotating twice records both', [registered, rotated], rotate(), [rotated]],
    ['a token with no scope asked for gets every scope of the app, for an hour', [registered], issue(secretHash), [issued(['public', 'chat'])]],
    ['a token for some of the app’s scopes gets just those', [registered], issue(secretHash, ['chat']), [issued(['chat'])]],
    ['the secret after a rotation gets a token', [registered, rotated], issue(newSecretHash), [issued(['public', 'chat'])]],
    ['an app whose owner’s ban was lifted gets a token again', [registered], issue(secretHash, [], inGoodStanding), [issued(['public', 'chat'])]],
    ['earlier tokens change nothing', [registered, issued(['chat'])], issue(secretHash, ['public']), [issued(['public'])]],
    ['the owner deletes the app', [registered, issued(['chat'])], remove(), [deleted]],
    ['deleting it again records nothing', [registered, deleted], remove(), []],
  ])('%s', (_, given, when, then) => {
    expect(decide(developerAppDecider, given, when)).toEqual(then);
  });
});

describe('the developer app decider, refusing', () => {
  it.each<[string, DeveloperAppEvent[], DeveloperAppCommand, new (...args: never[]) => DomainError, { code: string; field?: string }]>([
    ['registering an id already taken is refused', [registered], register(), ConflictError, { code: 'app_already_registered' }],
    ['registering a deleted app id again is refused', [registered, deleted], register(), ConflictError, { code: 'app_already_registered' }],
    ['a name of two characters is refused', [], register({ name: 'ab' }), ValidationError, { code: 'invalid_app_name', field: 'name' }],
    ['a name of spaces around two characters is refused', [], register({ name: '   ab   ' }), ValidationError, { code: 'invalid_app_name', field: 'name' }],
    ['a name of 51 characters is refused', [], register({ name: 'x'.repeat(51) }), ValidationError, { code: 'invalid_app_name', field: 'name' }],
    ['a description of 501 characters is refused', [], register({ description: 'x'.repeat(501) }), ValidationError, { code: 'invalid_app_description', field: 'description' }],
    ['no scope at all is refused', [], register({ scopes: [] }), ValidationError, { code: 'no_scopes', field: 'scopes' }],
    ['an unknown scope is refused', [], register({ scopes: ['public', 'admin'] }), ValidationError, { code: 'unknown_scope', field: 'scopes' }],
    ['another user may not rotate it', [registered], rotate(ben), ForbiddenError, { code: 'not_app_owner' }],
    ['rotating an unknown app is refused', [], rotate(), NotFoundError, { code: 'app_not_found' }],
    ['rotating a deleted app is refused', [registered, deleted], rotate(), NotFoundError, { code: 'app_not_found' }],
    ['a token for a scope the app lacks is refused', [registered], issue(secretHash, ['public', 'streamkey']), ValidationError, { code: 'invalid_scope', field: 'scope' }],
    ['a token for a scope that does not exist is refused', [registered], issue(secretHash, ['everything']), ValidationError, { code: 'invalid_scope', field: 'scope' }],
    ['a wrong secret gets no token', [registered], issue(newSecretHash), UnauthenticatedError, { code: 'invalid_client' }],
    ['a secret that is not a digest gets no token', [registered], issue('not hex'), UnauthenticatedError, { code: 'invalid_client' }],
    ['the secret before a rotation gets no token', [registered, rotated], issue(secretHash), UnauthenticatedError, { code: 'invalid_client' }],
    ['an unknown app gets no token', [], issue(secretHash), UnauthenticatedError, { code: 'invalid_client' }],
    ['a deleted app gets no token', [registered, deleted], issue(secretHash), UnauthenticatedError, { code: 'invalid_client' }],
    ['an app of a banned owner gets no token', [registered], issue(secretHash, [], { globallyBanned: true, deleted: false }), UnauthenticatedError, { code: 'invalid_client' }],
    ['an app of a deleted owner gets no token', [registered], issue(secretHash, [], { globallyBanned: false, deleted: true }), UnauthenticatedError, { code: 'invalid_client' }],
    ['another user may not delete it', [registered], remove(ben), ForbiddenError, { code: 'not_app_owner' }],
    ['another user may not delete it even once deleted', [registered, deleted], remove(ben), ForbiddenError, { code: 'not_app_owner' }],
    ['deleting an unknown app is refused', [], remove(), NotFoundError, { code: 'app_not_found' }],
  ])('%s', (_, given, when, kind, expected) => {
    const refusal = refusalOf(() => decide(developerAppDecider, given, when));
    expect(refusal).toBeInstanceOf(kind);
    expect(refusal).toMatchObject({ code: expected.code, field: expected.field });
  });

  it('tells a client with the wrong secret nothing of its owner’s standing', () => {
    const banned = { globallyBanned: true, deleted: false };
    expect(refusalOf(() => decide(developerAppDecider, [registered], issue(newSecretHash, [], banned))).message).toBe(
      refusalOf(() => decide(developerAppDecider, [registered], issue(newSecretHash))).message,
    );
    expect(refusalOf(() => decide(developerAppDecider, [registered], issue(secretHash, [], banned))).message).toMatch(/suspended/);
  });
});
