import { STAFF_ROLES, type StaffRole } from '@glint/access';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { SessionEndReason, UserEvent, UserLoggedOut } from './events';

export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
export const EMAIL_CONFIRMATION_LIFETIME_MS = 24 * 3600 * 1000;
/** A new confirmation mail at most once a minute, so the resend button cannot flood a mailbox. */
export const EMAIL_CONFIRMATION_RESEND_INTERVAL_MS = 60 * 1000;
export const PASSWORD_RESET_LIFETIME_MS = 3600 * 1000;
/** At most one reset mail a minute: asking more often records nothing, and answers the same. */
export const PASSWORD_RESET_INTERVAL_MS = 60 * 1000;
export const STAFF_REASON_MAX_LENGTH = 500;

/**
 * `abandoned`: a registration of this id was given up (its claims released), so none can be
 * recorded any more. A deleted account keeps its sealed address, for its claim to be released.
 */
export type Account =
  | { status: 'unregistered'; abandoned: boolean }
  | RegisteredAccount
  | { status: 'deleted'; userId: string; username: string; emailSealed: string };

export interface RegisteredAccount {
  status: 'registered';
  userId: string;
  username: string;
  emailSealed: string;
  emailConfirmed: boolean;
  /** Every confirmation token handed out, by its hash, with when it expires (epoch ms): any of them confirms. */
  confirmationTokens: Readonly<Record<string, number>>;
  lastConfirmationRequestedAt: number;
  passwordHashSealed: string;
  /** Password-reset tokens not used, by hash, with when each expires (epoch ms); a reset or a password change ends them all. */
  passwordResetTokens: Readonly<Record<string, number>>;
  lastPasswordResetRequestedAt: number;
  /** Sessions not ended, by id, with when each expires (epoch ms). */
  sessions: Readonly<Record<string, number>>;
  twoFactor: { secretSealed: string | null; pendingSecretSealed: string | null; lastTimeStep: number };
  staffRole: StaffRole | null;
  globalBanReason: string | null;
  streamingSuspensionReason: string | null;
}

/**
 * What the handler found when it checked a password: the (sealed) hash it checked against, so a
 * check made before the password changed does not count for the new one.
 */
export type PasswordCheck = { checkedHashSealed: string; matches: boolean };
/** What the handler found when it checked a TOTP code: the secret used and the code's time step, null when the code was wrong. */
export type TwoFactorCheck = { checkedSecretSealed: string; timeStep: number | null };
/** A fresh confirmation token, sealed for the mail, and its SHA-256 for finding the account. */
export type NewConfirmationToken = { tokenSealed: string; tokenHash: string };
/** A fresh password-reset token, sealed for the mail, and its SHA-256, which is all a reset is checked against. */
export type NewPasswordResetToken = { tokenSealed: string; tokenHash: string };

export type Register = {
  type: 'Register';
  userId: string;
  username: string;
  emailSealed: string;
  passwordHashSealed: string;
  confirmation: NewConfirmationToken;
  now: Date;
};
export type RequestEmailConfirmation = { type: 'RequestEmailConfirmation'; confirmation: NewConfirmationToken; now: Date };
export type ConfirmEmail = { type: 'ConfirmEmail'; tokenHash: string; now: Date };
export type LogIn = {
  type: 'LogIn';
  /** Null when there was no readable hash to check against. */
  password: PasswordCheck | null;
  /** Null when no code was given. */
  twoFactor: TwoFactorCheck | null;
  sessionId: string;
  tokenHash: string;
  now: Date;
};
export type LogOut = { type: 'LogOut'; sessionId: string };
export type ChangePassword = { type: 'ChangePassword'; password: PasswordCheck | null; newPasswordHashSealed: string; keepSessionId: string; now: Date };
export type StartTwoFactorSetup = { type: 'StartTwoFactorSetup'; secretSealed: string };
/** `code` is null when there was no secret to check it against. */
export type EnableTwoFactor = { type: 'EnableTwoFactor'; code: TwoFactorCheck | null };
export type DisableTwoFactor = { type: 'DisableTwoFactor'; code: TwoFactorCheck | null };
/** `grantedBy` is null when the platform grants it (the first admin, from the CLI). */
export type GrantStaffRole = { type: 'GrantStaffRole'; role: string; grantedBy: string | null };
export type RevokeStaffRole = { type: 'RevokeStaffRole'; revokedBy: string };
export type BanGlobally = { type: 'BanGlobally'; reason: string; bannedBy: string; now: Date };
export type UnbanGlobally = { type: 'UnbanGlobally' };
export type SuspendStreaming = { type: 'SuspendStreaming'; reason: string };
export type ReinstateStreaming = { type: 'ReinstateStreaming' };
/** `twoFactor` is null when no code was given, or the account has no secret to check it against. */
export type DeleteAccount = { type: 'DeleteAccount'; password: PasswordCheck | null; twoFactor: TwoFactorCheck | null; now: Date };
export type RequestPasswordReset = { type: 'RequestPasswordReset'; reset: NewPasswordResetToken; now: Date };
export type ResetPassword = { type: 'ResetPassword'; tokenHash: string; newPasswordHashSealed: string; now: Date };
export type AbandonRegistration = { type: 'AbandonRegistration'; userId: string };

export type UserCommand =
  | Register
  | RequestEmailConfirmation
  | ConfirmEmail
  | LogIn
  | LogOut
  | ChangePassword
  | StartTwoFactorSetup
  | EnableTwoFactor
  | DisableTwoFactor
  | GrantStaffRole
  | RevokeStaffRole
  | BanGlobally
  | UnbanGlobally
  | SuspendStreaming
  | ReinstateStreaming
  | DeleteAccount
  | RequestPasswordReset
  | ResetPassword
  | AbandonRegistration;

/** One answer whether the username is unknown or the password wrong, so neither can be probed. */
export const invalidCredentials = (): UnauthenticatedError => new UnauthenticatedError('invalid_credentials', 'The username or the password is wrong.');

export const userDecider: Decider<Account, UserCommand, UserEvent> = {
  initialState: { status: 'unregistered', abandoned: false },

  evolve(state, event) {
    if (event.type === 'RegistrationAbandoned') return state.status === 'unregistered' ? { status: 'unregistered', abandoned: true } : state;
    if (event.type === 'UserRegistered') {
      const { userId, username, emailSealed, passwordHashSealed } = event.data;
      return {
        status: 'registered',
        userId,
        username,
        emailSealed,
        emailConfirmed: false,
        confirmationTokens: {},
        lastConfirmationRequestedAt: 0,
        passwordHashSealed,
        passwordResetTokens: {},
        lastPasswordResetRequestedAt: 0,
        sessions: {},
        twoFactor: { secretSealed: null, pendingSecretSealed: null, lastTimeStep: 0 },
        staffRole: null,
        globalBanReason: null,
        streamingSuspensionReason: null,
      };
    }
    if (state.status !== 'registered') return state;
    switch (event.type) {
      case 'EmailConfirmationRequested':
        return {
          ...state,
          confirmationTokens: { ...state.confirmationTokens, [event.data.tokenHash]: Date.parse(event.data.expiresAt) },
          lastConfirmationRequestedAt: Date.parse(event.data.requestedAt),
        };
      case 'EmailConfirmed':
        return { ...state, emailConfirmed: true };
      case 'UserLoggedIn': {
        const loggedInAt = Date.parse(event.data.loggedInAt);
        // Sessions expired by now can never be used again: forgetting them keeps the state small.
        const live = Object.entries(state.sessions).filter(([, expiresAt]) => expiresAt > loggedInAt);
        const lastTimeStep = Math.max(state.twoFactor.lastTimeStep, event.data.twoFactorTimeStep ?? 0);
        return {
          ...state,
          sessions: { ...Object.fromEntries(live), [event.data.sessionId]: Date.parse(event.data.expiresAt) },
          twoFactor: { ...state.twoFactor, lastTimeStep },
        };
      }
      case 'UserLoggedOut':
        return { ...state, sessions: Object.fromEntries(Object.entries(state.sessions).filter(([sessionId]) => sessionId !== event.data.sessionId)) };
      case 'PasswordChanged':
      case 'PasswordReset':
        return { ...state, passwordHashSealed: event.data.passwordHashSealed, passwordResetTokens: {} };
      case 'PasswordResetRequested':
        return {
          ...state,
          passwordResetTokens: { ...state.passwordResetTokens, [event.data.tokenHash]: Date.parse(event.data.expiresAt) },
          lastPasswordResetRequestedAt: Date.parse(event.data.requestedAt),
        };
      case 'TwoFactorSetupStarted':
        // A new secret, no code of it used yet.
        return { ...state, twoFactor: { secretSealed: null, pendingSecretSealed: event.data.secretSealed, lastTimeStep: 0 } };
      case 'TwoFactorEnabled':
        return { ...state, twoFactor: { secretSealed: event.data.secretSealed, pendingSecretSealed: null, lastTimeStep: event.data.timeStep } };
      case 'TwoFactorDisabled':
        return { ...state, twoFactor: { ...state.twoFactor, secretSealed: null, pendingSecretSealed: null } };
      case 'StaffRoleGranted':
        return { ...state, staffRole: event.data.role };
      case 'StaffRoleRevoked':
        return { ...state, staffRole: null };
      case 'UserGloballyBanned':
        return { ...state, globalBanReason: event.data.reason };
      case 'UserGloballyUnbanned':
        return { ...state, globalBanReason: null };
      case 'StreamingSuspended':
        return { ...state, streamingSuspensionReason: event.data.reason };
      case 'StreamingReinstated':
        return { ...state, streamingSuspensionReason: null };
      case 'AccountDeleted':
        return { status: 'deleted', userId: state.userId, username: state.username, emailSealed: state.emailSealed };
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'Register':
        return register(command, state);
      case 'RequestEmailConfirmation':
        return requestEmailConfirmation(command, existing(state));
      case 'ConfirmEmail':
        return confirmEmail(command, existing(state));
      case 'LogIn':
        return logIn(command, state);
      case 'LogOut': {
        const account = existing(state);
        // A session that already ended (expired, or ended by another request) has nothing left to end.
        if (!(command.sessionId in account.sessions)) return [];
        return [loggedOut(account.userId, command.sessionId, 'logout')];
      }
      case 'ChangePassword':
        return changePassword(command, existing(state));
      case 'StartTwoFactorSetup': {
        const account = existing(state);
        if (account.twoFactor.secretSealed !== null) throw twoFactorAlreadyEnabled();
        return [{ type: 'TwoFactorSetupStarted', data: { userId: account.userId, secretSealed: command.secretSealed } }];
      }
      case 'EnableTwoFactor':
        return enableTwoFactor(command, existing(state));
      case 'DisableTwoFactor': {
        const account = existing(state);
        if (account.twoFactor.secretSealed === null) throw new ConflictError('two_factor_not_enabled', 'Two-factor sign-in is not enabled on this account.');
        if (acceptedTimeStep(command.code, account.twoFactor.secretSealed, account.twoFactor.lastTimeStep) === null) {
          throw new ValidationError('invalid_two_factor_code', INVALID_CODE_MESSAGE, 'code');
        }
        return [{ type: 'TwoFactorDisabled', data: { userId: account.userId } }];
      }
      case 'GrantStaffRole':
        return grantStaffRole(command, existing(state));
      case 'RevokeStaffRole': {
        const account = existing(state);
        if (command.revokedBy === account.userId) throw ownStaffRole();
        if (account.staffRole === null) throw new ConflictError('not_staff', `${account.username} holds no staff role.`);
        return [{ type: 'StaffRoleRevoked', data: { userId: account.userId, role: account.staffRole } }];
      }
      case 'BanGlobally':
        return banGlobally(command, existing(state));
      case 'UnbanGlobally': {
        const account = existing(state);
        if (account.globalBanReason === null) throw new ConflictError('not_globally_banned', `${account.username} is not banned from Glint.`);
        return [{ type: 'UserGloballyUnbanned', data: { userId: account.userId } }];
      }
      case 'SuspendStreaming': {
        const account = existing(state);
        const reason = staffReason(command.reason);
        if (account.streamingSuspensionReason !== null) throw new ConflictError('already_suspended_from_streaming', `${account.username} is already suspended from streaming.`);
        return [{ type: 'StreamingSuspended', data: { userId: account.userId, reason } }];
      }
      case 'ReinstateStreaming': {
        const account = existing(state);
        if (account.streamingSuspensionReason === null) throw new ConflictError('not_suspended_from_streaming', `${account.username} is not suspended from streaming.`);
        return [{ type: 'StreamingReinstated', data: { userId: account.userId } }];
      }
      case 'DeleteAccount':
        return deleteAccount(command, existing(state));
      case 'RequestPasswordReset':
        return requestPasswordReset(command, state);
      case 'ResetPassword':
        return resetPassword(command, state);
      case 'AbandonRegistration':
        // Only a registration never recorded is given up; one that was recorded finished.
        return state.status === 'unregistered' && !state.abandoned ? [{ type: 'RegistrationAbandoned', data: { userId: command.userId } }] : [];
      default:
        return unreachable(command);
    }
  },
};

function register(command: Register, state: Account): UserEvent[] {
  if (state.status !== 'unregistered') throw new ConflictError('user_already_registered', `User ${command.userId} is already registered.`);
  if (state.abandoned) throw new ConflictError('registration_abandoned', 'This registration took too long and was given up: register again.');
  const { userId, username, emailSealed, passwordHashSealed, confirmation, now } = command;
  return [
    { type: 'UserRegistered', data: { userId, username, emailSealed, passwordHashSealed } },
    confirmationRequested(userId, emailSealed, confirmation, now),
  ];
}

function requestEmailConfirmation(command: RequestEmailConfirmation, account: RegisteredAccount): UserEvent[] {
  if (account.emailConfirmed) throw new ConflictError('email_already_confirmed', 'Your e-mail address is confirmed already.');
  const nextAllowed = account.lastConfirmationRequestedAt + EMAIL_CONFIRMATION_RESEND_INTERVAL_MS;
  if (command.now.getTime() < nextAllowed) {
    const seconds = Math.ceil((nextAllowed - command.now.getTime()) / 1000);
    throw new ConflictError('confirmation_recently_requested', `A confirmation mail was sent less than a minute ago; check your mailbox, or ask again in ${seconds} s.`);
  }
  return [confirmationRequested(account.userId, account.emailSealed, command.confirmation, command.now)];
}

function confirmationRequested(userId: string, emailSealed: string, confirmation: NewConfirmationToken, now: Date): UserEvent {
  return {
    type: 'EmailConfirmationRequested',
    data: {
      userId,
      emailSealed,
      tokenSealed: confirmation.tokenSealed,
      tokenHash: confirmation.tokenHash,
      requestedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + EMAIL_CONFIRMATION_LIFETIME_MS).toISOString(),
    },
  };
}

function confirmEmail(command: ConfirmEmail, account: RegisteredAccount): UserEvent[] {
  // A second click on the link is not a mistake: it records nothing.
  if (account.emailConfirmed) return [];
  const expiresAt = account.confirmationTokens[command.tokenHash];
  if (expiresAt === undefined) throw confirmationTokenUnknown();
  if (expiresAt <= command.now.getTime()) {
    throw new ValidationError('confirmation_token_expired', 'This confirmation link has expired: sign in and ask for a new confirmation mail.', 'token');
  }
  return [{ type: 'EmailConfirmed', data: { userId: account.userId } }];
}

function logIn(command: LogIn, state: Account): UserEvent[] {
  if (state.status !== 'registered' || !passwordAccepted(command.password, state)) throw invalidCredentials();
  // Only after the password matched, so a ban says nothing to someone guessing.
  if (state.globalBanReason !== null) throw new ForbiddenError('globally_banned', `This account is banned from Glint: ${state.globalBanReason}`);
  let twoFactorTimeStep: number | null = null;
  const secret = state.twoFactor.secretSealed;
  if (secret !== null) {
    if (command.twoFactor === null) throw new UnauthenticatedError('two_factor_required', 'This account signs in with two-factor: send the 6-digit code from your authenticator app as totpCode.', 'totpCode');
    twoFactorTimeStep = acceptedTimeStep(command.twoFactor, secret, state.twoFactor.lastTimeStep);
    if (twoFactorTimeStep === null) throw new UnauthenticatedError('invalid_two_factor_code', INVALID_CODE_MESSAGE, 'totpCode');
  }
  const { sessionId, tokenHash, now } = command;
  return [
    {
      type: 'UserLoggedIn',
      data: {
        userId: state.userId,
        sessionId,
        tokenHash,
        loggedInAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
        twoFactorTimeStep,
      },
    },
  ];
}

function changePassword(command: ChangePassword, account: RegisteredAccount): UserEvent[] {
  if (!passwordAccepted(command.password, account)) throw wrongPassword('currentPassword');
  const others = endSessions(account, command.now, 'password_changed').filter((event) => event.data.sessionId !== command.keepSessionId);
  return [{ type: 'PasswordChanged', data: { userId: account.userId, passwordHashSealed: command.newPasswordHashSealed } }, ...others];
}

function deleteAccount(command: DeleteAccount, account: RegisteredAccount): UserEvent[] {
  if (!passwordAccepted(command.password, account)) throw wrongPassword('password');
  const secret = account.twoFactor.secretSealed;
  // The code proves the authenticator is at hand, as turning two-factor off does.
  if (secret !== null) {
    if (command.twoFactor === null) throw new ValidationError('two_factor_code_required', 'This account signs in with two-factor: send the 6-digit code from your authenticator app as code.', 'code');
    if (acceptedTimeStep(command.twoFactor, secret, account.twoFactor.lastTimeStep) === null) throw new ValidationError('invalid_two_factor_code', INVALID_CODE_MESSAGE, 'code');
  }
  return [...endSessions(account, command.now, 'account_deleted'), { type: 'AccountDeleted', data: { userId: account.userId, username: account.username } }];
}

/** Records nothing for an account that is not registered, nor within a minute of the last ask: the asker is told the same either way. */
function requestPasswordReset(command: RequestPasswordReset, state: Account): UserEvent[] {
  if (state.status !== 'registered') return [];
  if (command.now.getTime() < state.lastPasswordResetRequestedAt + PASSWORD_RESET_INTERVAL_MS) return [];
  const { reset, now } = command;
  return [
    {
      type: 'PasswordResetRequested',
      data: {
        userId: state.userId,
        emailSealed: state.emailSealed,
        tokenSealed: reset.tokenSealed,
        tokenHash: reset.tokenHash,
        requestedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS).toISOString(),
      },
    },
  ];
}

function resetPassword(command: ResetPassword, state: Account): UserEvent[] {
  if (state.status !== 'registered') throw passwordResetTokenUnknown();
  const expiresAt = state.passwordResetTokens[command.tokenHash];
  if (expiresAt === undefined) throw passwordResetTokenUnknown();
  if (expiresAt <= command.now.getTime()) throw new ValidationError('password_reset_token_expired', 'This password-reset link has expired: ask for a new one.', 'token');
  // Whoever held a session may be who the reset locks out: every session ends.
  return [
    { type: 'PasswordReset', data: { userId: state.userId, passwordHashSealed: command.newPasswordHashSealed, tokenHash: command.tokenHash } },
    ...endSessions(state, command.now, 'password_reset'),
  ];
}

export function passwordResetTokenUnknown(): ValidationError {
  return new ValidationError('password_reset_token_unknown', 'This password-reset link is not valid: it was used already, or a newer password replaced it. Ask for a new one.', 'token');
}

function enableTwoFactor(command: EnableTwoFactor, account: RegisteredAccount): UserEvent[] {
  if (account.twoFactor.secretSealed !== null) throw twoFactorAlreadyEnabled();
  const pending = account.twoFactor.pendingSecretSealed;
  if (pending === null) throw new ConflictError('two_factor_setup_not_started', 'Start the two-factor setup first: it gives you the secret for your authenticator app.');
  const timeStep = acceptedTimeStep(command.code, pending, account.twoFactor.lastTimeStep);
  if (timeStep === null) throw new ValidationError('invalid_two_factor_code', INVALID_CODE_MESSAGE, 'code');
  return [{ type: 'TwoFactorEnabled', data: { userId: account.userId, secretSealed: pending, timeStep } }];
}

function grantStaffRole(command: GrantStaffRole, account: RegisteredAccount): UserEvent[] {
  const role = STAFF_ROLES.find((known) => known === command.role);
  if (role === undefined) throw new ValidationError('unknown_staff_role', `A staff role is one of ${STAFF_ROLES.join(', ')}.`, 'role');
  if (command.grantedBy === account.userId) throw ownStaffRole();
  // Granting the role someone holds already is a retry: it records nothing.
  if (account.staffRole === role) return [];
  return [{ type: 'StaffRoleGranted', data: { userId: account.userId, role } }];
}

function banGlobally(command: BanGlobally, account: RegisteredAccount): UserEvent[] {
  const reason = staffReason(command.reason);
  if (command.bannedBy === account.userId) throw new ForbiddenError('cannot_ban_yourself', 'You cannot ban your own account.');
  if (account.staffRole !== null) throw new ForbiddenError('cannot_ban_staff', `${account.username} is platform staff (${account.staffRole}): an admin revokes the staff role first.`);
  if (account.globalBanReason !== null) throw new ConflictError('already_globally_banned', `${account.username} is already banned from Glint.`);
  return [{ type: 'UserGloballyBanned', data: { userId: account.userId, reason } }, ...endSessions(account, command.now, 'global_ban')];
}

/** One UserLoggedOut per session still usable at `now`. */
function endSessions(account: RegisteredAccount, now: Date, reason: SessionEndReason): UserLoggedOut[] {
  return Object.entries(account.sessions)
    .filter(([, expiresAt]) => expiresAt > now.getTime())
    .map(([sessionId]) => loggedOut(account.userId, sessionId, reason));
}

function loggedOut(userId: string, sessionId: string, reason: SessionEndReason): UserLoggedOut {
  return { type: 'UserLoggedOut', data: { userId, sessionId, reason } };
}

function passwordAccepted(check: PasswordCheck | null, account: RegisteredAccount): boolean {
  return check !== null && check.matches && check.checkedHashSealed === account.passwordHashSealed;
}

/** The code's time step when it was checked against this secret, verified, and is newer than any code used before (a code works once); else null. */
function acceptedTimeStep(check: TwoFactorCheck | null, secretSealed: string, lastTimeStep: number): number | null {
  return check !== null && check.checkedSecretSealed === secretSealed && check.timeStep !== null && check.timeStep > lastTimeStep ? check.timeStep : null;
}

function staffReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > STAFF_REASON_MAX_LENGTH) {
    throw new ValidationError('invalid_reason', `Give a reason of 1 to ${STAFF_REASON_MAX_LENGTH} characters: the user is shown it.`, 'reason');
  }
  return trimmed;
}

function existing(state: Account): RegisteredAccount {
  if (state.status === 'registered') return state;
  if (state.status === 'deleted') throw new ConflictError('account_deleted', `The account of ${state.username} was deleted.`);
  throw new NotFoundError('user_not_found', 'There is no such user.');
}

export function confirmationTokenUnknown(): NotFoundError {
  return new NotFoundError('confirmation_token_unknown', 'This confirmation link is not known: use the link from the most recent confirmation mail.', 'token');
}

function wrongPassword(field: string): ForbiddenError {
  return new ForbiddenError('wrong_password', 'The password is wrong: give your current password.', field);
}

const INVALID_CODE_MESSAGE = 'The two-factor code is wrong or was used already: wait for the next code from your authenticator app.';

function twoFactorAlreadyEnabled(): ConflictError {
  return new ConflictError('two_factor_already_enabled', 'Two-factor sign-in is enabled already; disable it first to use a new secret.');
}

function ownStaffRole(): ForbiddenError {
  return new ForbiddenError('cannot_change_own_staff_role', 'You cannot change your own staff role; another admin can.');
}
