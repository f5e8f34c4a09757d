import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type DomainError } from '@glint/domain-errors';
import { foldEvents } from '@glint/event-sourcing';
import { decide, refusalOf } from '@glint/testing';
import { userDecider, type PasswordCheck, type TwoFactorCheck, type UserCommand } from './user-decider';
import type { SessionEndReason, UserEvent } from './events';

const ANA = '6f0d3c1e-0000-4000-8000-00000000a1a1';
const MOD = '6f0d3c1e-0000-4000-8000-00000000b0b0';
const at = (iso: string) => new Date(`2026-11-24T${iso}Z`);
const NOW = at('12:00:00');
const DAY_MS = 24 * 3600 * 1000;
const later = (base: Date, ms: number) => new Date(base.getTime() + ms);

const HASH = 'pd1.hash-1';
const NEW_HASH = 'pd1.hash-2';
const EMAIL = 'pd1.email';
const SECRET = 'pd1.secret-1';
const OTHER_SECRET = 'pd1.secret-2';

const registered: UserEvent = { type: 'UserRegistered', data: { userId: ANA, username: 'Ana', emailSealed: EMAIL, passwordHashSealed: HASH } };
const mailAsked = (tokenHash: string, requestedAt: Date): UserEvent => ({
  type: 'EmailConfirmationRequested',
  data: { userId: ANA, emailSealed: EMAIL, tokenSealed: `pd1.${tokenHash}`, tokenHash, requestedAt: requestedAt.toISOString(), expiresAt: later(requestedAt, DAY_MS).toISOString() },
});
const firstMail = mailAsked('token-1', at('08:00:00'));
const confirmed: UserEvent = { type: 'EmailConfirmed', data: { userId: ANA } };
const loggedIn = (sessionId: string, loggedInAt: Date, twoFactorTimeStep: number | null = null): UserEvent => ({
  type: 'UserLoggedIn',
  data: { userId: ANA, sessionId, tokenHash: `hash-of-${sessionId}`, loggedInAt: loggedInAt.toISOString(), expiresAt: later(loggedInAt, 30 * DAY_MS).toISOString(), twoFactorTimeStep },
});
const loggedOut = (sessionId: string, reason: SessionEndReason): UserEvent => ({ type: 'UserLoggedOut', data: { userId: ANA, sessionId, reason } });
const setupStarted = (secretSealed: string): UserEvent => ({ type: 'TwoFactorSetupStarted', data: { userId: ANA, secretSealed } });
const twoFactorOn: UserEvent = { type: 'TwoFactorEnabled', data: { userId: ANA, secretSealed: SECRET, timeStep: 1000 } };
const twoFactorOff: UserEvent = { type: 'TwoFactorDisabled', data: { userId: ANA } };
const granted = (role: 'support' | 'analyst' | 'admin'): UserEvent => ({ type: 'StaffRoleGranted', data: { userId: ANA, role } });
const revoked = (role: 'support' | 'analyst' | 'admin'): UserEvent => ({ type: 'StaffRoleRevoked', data: { userId: ANA, role } });
const banned: UserEvent = { type: 'UserGloballyBanned', data: { userId: ANA, reason: 'Spam links in every chat' } };
const unbanned: UserEvent = { type: 'UserGloballyUnbanned', data: { userId: ANA } };
const suspended: UserEvent = { type: 'StreamingSuspended', data: { userId: ANA, reason: 'Restreamed a film' } };
const reinstated: UserEvent = { type: 'StreamingReinstated', data: { userId: ANA } };
const deleted: UserEvent = { type: 'AccountDeleted', data: { userId: ANA, username: 'Ana' } };
const abandoned: UserEvent = { type: 'RegistrationAbandoned', data: { userId: ANA } };
const resetAsked = (tokenHash: string, requestedAt: Date): UserEvent => ({
  type: 'PasswordResetRequested',
  data: { userId: ANA, emailSealed: EMAIL, tokenSealed: `pd1.${tokenHash}`, tokenHash, requestedAt: requestedAt.toISOString(), expiresAt: later(requestedAt, 3600 * 1000).toISOString() },
});
const firstReset = resetAsked('reset-1', at('11:30:00'));
const passwordReset = (tokenHash: string): UserEvent => ({ type: 'PasswordReset', data: { userId: ANA, passwordHashSealed: NEW_HASH, tokenHash } });

const rightPassword: PasswordCheck = { checkedHashSealed: HASH, matches: true };
const wrongPassword: PasswordCheck = { checkedHashSealed: HASH, matches: false };
const code = (timeStep: number | null, checkedSecretSealed = SECRET): TwoFactorCheck => ({ checkedSecretSealed, timeStep });

const logIn = (password: PasswordCheck | null, twoFactor: TwoFactorCheck | null = null): UserCommand => ({ type: 'LogIn', password, twoFactor, sessionId: 's-new', tokenHash: 'hash-of-s-new', now: NOW });
const newSession = (twoFactorTimeStep: number | null = null): UserEvent => loggedIn('s-new', NOW, twoFactorTimeStep);
const register: UserCommand = { type: 'Register', userId: ANA, username: 'Ana', emailSealed: EMAIL, passwordHashSealed: HASH, confirmation: { tokenSealed: 'pd1.token-1', tokenHash: 'token-1' }, now: at('08:00:00') };
const requestMail = (now: Date): UserCommand => ({ type: 'RequestEmailConfirmation', confirmation: { tokenSealed: 'pd1.token-2', tokenHash: 'token-2' }, now });
const confirm = (tokenHash: string, now = NOW): UserCommand => ({ type: 'ConfirmEmail', tokenHash, now });
const changePassword = (password: PasswordCheck | null): UserCommand => ({ type: 'ChangePassword', password, newPasswordHashSealed: NEW_HASH, keepSessionId: 's-1', now: NOW });
const ban = (reason = 'Spam links in every chat', bannedBy = MOD): UserCommand => ({ type: 'BanGlobally', reason, bannedBy, now: NOW });
const deleteAccount = (password: PasswordCheck | null, twoFactor: TwoFactorCheck | null = null): UserCommand => ({ type: 'DeleteAccount', password, twoFactor, now: NOW });
const askReset = (now: Date, tokenHash = 'reset-2'): UserCommand => ({ type: 'RequestPasswordReset', reset: { tokenSealed: `pd1.${tokenHash}`, tokenHash }, now });
const resetWith = (tokenHash: string, now = NOW): UserCommand => ({ type: 'ResetPassword', tokenHash, newPasswordHashSealed: NEW_HASH, now });
const abandon: UserCommand = { type: 'AbandonRegistration', userId: ANA };

// At NOW, s-1 and s-2 are running; s-lapsed expired an hour ago, s-old yesterday.
const sessions = [
  loggedIn('s-old', later(NOW, -31 * DAY_MS)),
  loggedIn('s-lapsed', later(NOW, -30 * DAY_MS - 3600 * 1000)),
  loggedIn('s-1', at('09:00:00')),
  loggedIn('s-2', at('10:00:00')),
];

describe('the account decider records', () => {
  it.each<[string, UserEvent[], UserCommand, UserEvent[]]>([
    ['a registration with its first confirmation mail, valid for a day', [], register, [registered, firstMail]],
    ['a new confirmation mail a minute after the last', [registered, firstMail], requestMail(at('08:01:00')), [mailAsked('token-2', at('08:01:00'))]],
    ['the confirmation with the token mailed', [registered, firstMail], confirm('token-1'), [confirmed]],
    ['the confirmation with an earlier token that still works', [registered, firstMail, mailAsked('token-2', at('09:00:00'))], confirm('token-1'), [confirmed]],
    ['nothing for a second confirmation', [registered, firstMail, confirmed], confirm('token-1'), []],
    ['nothing for a second confirmation, even with an expired token', [registered, firstMail, confirmed], confirm('token-1', later(NOW, 2 * DAY_MS)), []],
    ['a session of thirty days for the right password', [registered], logIn(rightPassword), [newSession()]],
    ['a session without a code while two-factor is only being set up', [registered, setupStarted(SECRET)], logIn(rightPassword), [newSession()]],
    ['a session with a fresh two-factor code, and the code’s time step', [registered, setupStarted(SECRET), twoFactorOn], logIn(rightPassword, code(1001)), [newSession(1001)]],
    ['a session after two-factor was turned off, with no code', [registered, setupStarted(SECRET), twoFactorOn, twoFactorOff], logIn(rightPassword), [newSession()]],
    ['a session after the ban was lifted', [registered, banned, unbanned], logIn(rightPassword), [newSession()]],
    ['the end of a running session', [registered, ...sessions], { type: 'LogOut', sessionId: 's-1' }, [loggedOut('s-1', 'logout')]],
    ['nothing for a session that ended already', [registered, ...sessions, loggedOut('s-1', 'logout')], { type: 'LogOut', sessionId: 's-1' }, []],
    [
      'a new password, ending every other running session',
      [registered, ...sessions],
      changePassword(rightPassword),
      [{ type: 'PasswordChanged', data: { userId: ANA, passwordHashSealed: NEW_HASH } }, loggedOut('s-2', 'password_changed')],
    ],
    ['a two-factor setup', [registered], { type: 'StartTwoFactorSetup', secretSealed: SECRET }, [setupStarted(SECRET)]],
    ['a new two-factor setup over one never confirmed', [registered, setupStarted(OTHER_SECRET)], { type: 'StartTwoFactorSetup', secretSealed: SECRET }, [setupStarted(SECRET)]],
    ['two-factor turned on with a code of the pending secret', [registered, setupStarted(SECRET)], { type: 'EnableTwoFactor', code: code(1000) }, [twoFactorOn]],
    ['two-factor turned off with a fresh code', [registered, setupStarted(SECRET), twoFactorOn], { type: 'DisableTwoFactor', code: code(1001) }, [twoFactorOff]],
    ['a staff role', [registered], { type: 'GrantStaffRole', role: 'support', grantedBy: MOD }, [granted('support')]],
    ['a staff role granted by the platform itself', [registered], { type: 'GrantStaffRole', role: 'admin', grantedBy: null }, [granted('admin')]],
    ['another staff role', [registered, granted('support')], { type: 'GrantStaffRole', role: 'admin', grantedBy: MOD }, [granted('admin')]],
    ['nothing for the staff role held already', [registered, granted('analyst')], { type: 'GrantStaffRole', role: 'analyst', grantedBy: MOD }, []],
    ['the revocation of the staff role held', [registered, granted('analyst')], { type: 'RevokeStaffRole', revokedBy: MOD }, [revoked('analyst')]],
    [
      'a global ban, ending every running session (not the expired one)',
      [registered, ...sessions],
      ban('  Spam links in every chat  '),
      [banned, loggedOut('s-1', 'global_ban'), loggedOut('s-2', 'global_ban')],
    ],
    ['a global ban of a former staff member', [registered, granted('support'), revoked('support')], ban(), [banned]],
    ['the lifting of a global ban', [registered, banned], { type: 'UnbanGlobally' }, [unbanned]],
    ['a streaming suspension', [registered], { type: 'SuspendStreaming', reason: 'Restreamed a film' }, [suspended]],
    ['a reinstatement', [registered, suspended], { type: 'ReinstateStreaming' }, [reinstated]],
    ['a deletion, ending every running session first', [registered, ...sessions], deleteAccount(rightPassword), [loggedOut('s-1', 'account_deleted'), loggedOut('s-2', 'account_deleted'), deleted]],
    ['a deletion of an account without sessions', [registered, confirmed], deleteAccount(rightPassword), [deleted]],
    ['a deletion with two-factor on and a fresh code', [registered, setupStarted(SECRET), twoFactorOn], deleteAccount(rightPassword, code(1001)), [deleted]],
    ['a deletion with two-factor only being set up, without a code', [registered, setupStarted(SECRET)], deleteAccount(rightPassword), [deleted]],
    ['a reset mail, its link working for an hour', [registered], askReset(at('11:30:00'), 'reset-1'), [firstReset]],
    ['another reset mail a minute after the last', [registered, firstReset], askReset(at('11:31:00')), [resetAsked('reset-2', at('11:31:00'))]],
    ['nothing for a reset asked within the minute', [registered, firstReset], askReset(at('11:30:59')), []],
    ['nothing for a reset of nobody', [], askReset(NOW), []],
    ['nothing for a reset of a deleted account', [registered, deleted], askReset(NOW), []],
    ['a reset with the mailed token, ending every running session', [registered, ...sessions, firstReset], resetWith('reset-1'), [passwordReset('reset-1'), loggedOut('s-1', 'password_reset'), loggedOut('s-2', 'password_reset')]],
    ['a reset with an older token that still works', [registered, firstReset, resetAsked('reset-2', at('11:45:00'))], resetWith('reset-1'), [passwordReset('reset-1')]],
    ['a registration given up before it was recorded', [], abandon, [abandoned]],
    ['nothing for a registration given up twice', [abandoned], abandon, []],
    ['nothing for giving up a registration that was recorded', [registered], abandon, []],
    ['nothing for giving up the registration of a deleted account', [registered, deleted], abandon, []],
  ])('%s', (_, given, when, then) => {
    expect(decide(userDecider, given, when)).toEqual(then);
  });
});

describe('the account decider refuses', () => {
  it.each<[string, UserEvent[], UserCommand, new (...args: never[]) => DomainError, { code: string; field?: string }]>([
    ['registering an account twice', [registered], register, ConflictError, { code: 'user_already_registered' }],
    ['a confirmation mail within a minute of the last', [registered, firstMail], requestMail(at('08:00:59')), ConflictError, { code: 'confirmation_recently_requested' }],
    ['a confirmation mail for a confirmed address', [registered, firstMail, confirmed], requestMail(NOW), ConflictError, { code: 'email_already_confirmed' }],
    ['a confirmation mail for nobody', [], requestMail(NOW), NotFoundError, { code: 'user_not_found' }],
    ['a confirmation mail for a deleted account', [registered, deleted], requestMail(NOW), ConflictError, { code: 'account_deleted' }],
    ['a confirmation with a token never mailed', [registered, firstMail], confirm('token-9'), NotFoundError, { code: 'confirmation_token_unknown', field: 'token' }],
    ['a confirmation with an expired token', [registered, firstMail], confirm('token-1', later(at('08:00:00'), DAY_MS)), ValidationError, { code: 'confirmation_token_expired', field: 'token' }],
    ['a sign-in with the wrong password', [registered], logIn(wrongPassword), UnauthenticatedError, { code: 'invalid_credentials' }],
    ['a sign-in checked against the password before it changed', [registered, { type: 'PasswordChanged', data: { userId: ANA, passwordHashSealed: NEW_HASH } }], logIn(rightPassword), UnauthenticatedError, { code: 'invalid_credentials' }],
    ['a sign-in with no readable password hash', [registered], logIn(null), UnauthenticatedError, { code: 'invalid_credentials' }],
    ['a sign-in to nobody', [], logIn(rightPassword), UnauthenticatedError, { code: 'invalid_credentials' }],
    ['a sign-in to a deleted account', [registered, deleted], logIn(rightPassword), UnauthenticatedError, { code: 'invalid_credentials' }],
    ['a sign-in to a banned account, saying so once the password is right', [registered, banned], logIn(rightPassword), ForbiddenError, { code: 'globally_banned' }],
    ['a sign-in to a banned account with a wrong password, without telling of the ban', [registered, banned], logIn(wrongPassword), UnauthenticatedError, { code: 'invalid_credentials' }],
    ['a two-factor sign-in without a code', [registered, setupStarted(SECRET), twoFactorOn], logIn(rightPassword), UnauthenticatedError, { code: 'two_factor_required', field: 'totpCode' }],
    ['a two-factor sign-in with a wrong code', [registered, setupStarted(SECRET), twoFactorOn], logIn(rightPassword, code(null)), UnauthenticatedError, { code: 'invalid_two_factor_code', field: 'totpCode' }],
    ['a two-factor sign-in with a code of another secret', [registered, setupStarted(SECRET), twoFactorOn], logIn(rightPassword, code(1001, OTHER_SECRET)), UnauthenticatedError, { code: 'invalid_two_factor_code', field: 'totpCode' }],
    ['a two-factor sign-in with a code used already', [registered, setupStarted(SECRET), twoFactorOn, loggedIn('s-1', at('09:00:00'), 1001)], logIn(rightPassword, code(1001)), UnauthenticatedError, { code: 'invalid_two_factor_code', field: 'totpCode' }],
    ['a two-factor sign-in with the code that turned two-factor on', [registered, setupStarted(SECRET), twoFactorOn], logIn(rightPassword, code(1000)), UnauthenticatedError, { code: 'invalid_two_factor_code', field: 'totpCode' }],
    ['signing out of nobody’s session', [], { type: 'LogOut', sessionId: 's-1' }, NotFoundError, { code: 'user_not_found' }],
    ['a new password without the right current one', [registered, ...sessions], changePassword(wrongPassword), ForbiddenError, { code: 'wrong_password', field: 'currentPassword' }],
    ['a new password checked against an unreadable hash', [registered], changePassword(null), ForbiddenError, { code: 'wrong_password', field: 'currentPassword' }],
    ['a two-factor setup while two-factor is on', [registered, setupStarted(SECRET), twoFactorOn], { type: 'StartTwoFactorSetup', secretSealed: OTHER_SECRET }, ConflictError, { code: 'two_factor_already_enabled' }],
    ['turning two-factor on before any setup', [registered], { type: 'EnableTwoFactor', code: null }, ConflictError, { code: 'two_factor_setup_not_started' }],
    ['turning two-factor on with a wrong code', [registered, setupStarted(SECRET)], { type: 'EnableTwoFactor', code: code(null) }, ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['turning two-factor on with a code of a replaced setup', [registered, setupStarted(OTHER_SECRET), setupStarted(SECRET)], { type: 'EnableTwoFactor', code: code(1000, OTHER_SECRET) }, ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['turning two-factor on twice', [registered, setupStarted(SECRET), twoFactorOn], { type: 'EnableTwoFactor', code: code(1001) }, ConflictError, { code: 'two_factor_already_enabled' }],
    ['turning two-factor off when it is off', [registered, setupStarted(SECRET)], { type: 'DisableTwoFactor', code: null }, ConflictError, { code: 'two_factor_not_enabled' }],
    ['turning two-factor off with a wrong code', [registered, setupStarted(SECRET), twoFactorOn], { type: 'DisableTwoFactor', code: code(null) }, ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['turning two-factor off with a code used already', [registered, setupStarted(SECRET), twoFactorOn], { type: 'DisableTwoFactor', code: code(1000) }, ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['a staff role that does not exist', [registered], { type: 'GrantStaffRole', role: 'owner', grantedBy: MOD }, ValidationError, { code: 'unknown_staff_role', field: 'role' }],
    ['granting oneself a staff role', [registered, granted('admin')], { type: 'GrantStaffRole', role: 'support', grantedBy: ANA }, ForbiddenError, { code: 'cannot_change_own_staff_role' }],
    ['a staff role for nobody', [], { type: 'GrantStaffRole', role: 'support', grantedBy: MOD }, NotFoundError, { code: 'user_not_found' }],
    ['a staff role for a deleted account', [registered, deleted], { type: 'GrantStaffRole', role: 'support', grantedBy: null }, ConflictError, { code: 'account_deleted' }],
    ['revoking one’s own staff role', [registered, granted('admin')], { type: 'RevokeStaffRole', revokedBy: ANA }, ForbiddenError, { code: 'cannot_change_own_staff_role' }],
    ['revoking a staff role nobody holds', [registered], { type: 'RevokeStaffRole', revokedBy: MOD }, ConflictError, { code: 'not_staff' }],
    ['a ban without a reason', [registered], ban('   '), ValidationError, { code: 'invalid_reason', field: 'reason' }],
    ['a ban with a reason over 500 characters', [registered], ban('x'.repeat(501)), ValidationError, { code: 'invalid_reason', field: 'reason' }],
    ['banning oneself', [registered], ban('Testing', ANA), ForbiddenError, { code: 'cannot_ban_yourself' }],
    ['banning platform staff', [registered, granted('analyst')], ban(), ForbiddenError, { code: 'cannot_ban_staff' }],
    ['banning twice', [registered, banned], ban(), ConflictError, { code: 'already_globally_banned' }],
    ['banning nobody', [], ban(), NotFoundError, { code: 'user_not_found' }],
    ['banning a deleted account', [registered, deleted], ban(), ConflictError, { code: 'account_deleted' }],
    ['lifting a ban that is not there', [registered, banned, unbanned], { type: 'UnbanGlobally' }, ConflictError, { code: 'not_globally_banned' }],
    ['a suspension without a reason', [registered], { type: 'SuspendStreaming', reason: '' }, ValidationError, { code: 'invalid_reason', field: 'reason' }],
    ['suspending twice', [registered, suspended], { type: 'SuspendStreaming', reason: 'Again' }, ConflictError, { code: 'already_suspended_from_streaming' }],
    ['reinstating someone not suspended', [registered, suspended, reinstated], { type: 'ReinstateStreaming' }, ConflictError, { code: 'not_suspended_from_streaming' }],
    ['a deletion without the right password', [registered], deleteAccount(wrongPassword), ForbiddenError, { code: 'wrong_password', field: 'password' }],
    ['deleting twice', [registered, deleted], deleteAccount(rightPassword), ConflictError, { code: 'account_deleted' }],
    ['a deletion with two-factor on and no code', [registered, setupStarted(SECRET), twoFactorOn], deleteAccount(rightPassword), ValidationError, { code: 'two_factor_code_required', field: 'code' }],
    ['a deletion with two-factor on and a wrong code', [registered, setupStarted(SECRET), twoFactorOn], deleteAccount(rightPassword, code(null)), ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['a deletion with a code used already', [registered, setupStarted(SECRET), twoFactorOn], deleteAccount(rightPassword, code(1000)), ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['a deletion with a code of another secret', [registered, setupStarted(SECRET), twoFactorOn], deleteAccount(rightPassword, code(1001, OTHER_SECRET)), ValidationError, { code: 'invalid_two_factor_code', field: 'code' }],
    ['a deletion with a right code but the wrong password', [registered, setupStarted(SECRET), twoFactorOn], deleteAccount(wrongPassword, code(1001)), ForbiddenError, { code: 'wrong_password', field: 'password' }],
    ['a reset with a token never mailed', [registered, firstReset], resetWith('reset-9'), ValidationError, { code: 'password_reset_token_unknown', field: 'token' }],
    ['a reset with a token used already', [registered, firstReset, passwordReset('reset-1')], resetWith('reset-1'), ValidationError, { code: 'password_reset_token_unknown', field: 'token' }],
    ['a reset with a token asked for before a password change', [registered, firstReset, { type: 'PasswordChanged', data: { userId: ANA, passwordHashSealed: NEW_HASH } }], resetWith('reset-1'), ValidationError, { code: 'password_reset_token_unknown', field: 'token' }],
    ['a reset with an expired token', [registered, firstReset], resetWith('reset-1', at('12:30:00')), ValidationError, { code: 'password_reset_token_expired', field: 'token' }],
    ['a reset of nobody', [], resetWith('reset-1'), ValidationError, { code: 'password_reset_token_unknown', field: 'token' }],
    ['a reset of a deleted account', [registered, firstReset, deleted], resetWith('reset-1'), ValidationError, { code: 'password_reset_token_unknown', field: 'token' }],
    ['a registration given up already', [abandoned], register, ConflictError, { code: 'registration_abandoned' }],
  ])('%s', (_, given, when, kind, expected) => {
    const refusal = refusalOf(() => decide(userDecider, given, when));
    expect(refusal).toBeInstanceOf(kind);
    expect(refusal).toMatchObject({ code: expected.code, field: expected.field });
  });
});

describe('the account state', () => {
  it('forgets sessions that had expired when a later one began', () => {
    const keys = (events: UserEvent[]) => {
      const state = foldEvents(userDecider, events);
      return state.status === 'registered' ? Object.keys(state.sessions) : [];
    };
    expect(keys([registered, ...sessions])).toEqual(['s-lapsed', 's-1', 's-2']);
    expect(keys([registered, ...sessions, loggedIn('s-3', NOW)])).toEqual(['s-1', 's-2', 's-3']);
  });

  it('keeps a deleted account’s id, username and sealed address only', () => {
    expect(foldEvents(userDecider, [registered, granted('admin'), banned, deleted])).toEqual({ status: 'deleted', userId: ANA, username: 'Ana', emailSealed: EMAIL });
  });

  it('makes a reset token work once: a reset ends every outstanding token', () => {
    const state = foldEvents(userDecider, [registered, firstReset, resetAsked('reset-2', at('11:45:00')), passwordReset('reset-2')]);
    expect(state.status === 'registered' && state.passwordResetTokens).toEqual({});
  });
});
