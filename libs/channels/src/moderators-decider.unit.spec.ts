import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type DomainError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { ActingUser } from './acting-user';
import type { ModeratorEvent } from './events';
import { moderatorsDecider, type ModeratorCommand } from './moderators-decider';
import type { ModeratorPermissions } from './moderator-permissions';

const CHANNEL = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const ADMIN = 'c0000000-0000-4000-8000-000000000003';
const CLEO = 'd0000000-0000-4000-8000-000000000004';

const none: ModeratorPermissions = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
const timeouts: ModeratorPermissions = { ...none, timeout: true, unTimeout: true };
const everything: ModeratorPermissions = { timeout: true, unTimeout: true, ban: true, unban: true, deleteMessage: true, edit: true };

const owner: ActingUser = { userId: CHANNEL, staffRole: null, moderatorPermissions: null };
const admin: ActingUser = { userId: ADMIN, staffRole: 'admin', moderatorPermissions: null };
const support: ActingUser = { userId: ADMIN, staffRole: 'support', moderatorPermissions: null };
const fellowModerator: ActingUser = { userId: CLEO, staffRole: null, moderatorPermissions: everything };

const ben = { userId: BEN, username: 'ben', deleted: false, globallyBanned: false };
const set = (by: ActingUser, permissions: ModeratorPermissions, moderator: object = {}): ModeratorCommand => ({
  type: 'SetModeratorPermissions',
  channelId: CHANNEL,
  ownerId: CHANNEL,
  by,
  moderator: { ...ben, ...moderator },
  permissions,
});
const remove = (by: ActingUser, moderatorId = BEN): ModeratorCommand => ({ type: 'RemoveModerator', channelId: CHANNEL, ownerId: CHANNEL, by, moderatorId });

const appointed = (permissions: ModeratorPermissions, changedBy = CHANNEL): ModeratorEvent => ({
  type: 'ModeratorAppointed',
  data: { channelId: CHANNEL, ownerId: CHANNEL, moderatorId: BEN, moderatorUsername: 'ben', permissions, changedBy },
});
const changed = (permissions: ModeratorPermissions, changedBy = CHANNEL): ModeratorEvent => ({
  type: 'ModeratorPermissionsChanged',
  data: { channelId: CHANNEL, ownerId: CHANNEL, moderatorId: BEN, permissions, changedBy },
});
const removed = (changedBy = CHANNEL): ModeratorEvent => ({ type: 'ModeratorRemoved', data: { channelId: CHANNEL, ownerId: CHANNEL, moderatorId: BEN, changedBy } });

describe('the moderator appointments decider records', () => {
  it.each<[string, ModeratorEvent[], ModeratorCommand, ModeratorEvent[]]>([
    ['an appointment by the owner', [], set(owner, timeouts), [appointed(timeouts)]],
    ['an appointment by an admin, naming the admin', [], set(admin, everything), [appointed(everything, ADMIN)]],
    ['changed permissions of a moderator', [appointed(timeouts)], set(owner, { ...none, edit: true }), [changed({ ...none, edit: true })]],
    ['nothing when the permissions are the same', [appointed(timeouts)], set(owner, { ...timeouts }), []],
    ['a new appointment after a removal', [appointed(timeouts), removed()], set(owner, everything), [appointed(everything)]],
    ['a removal by the owner', [appointed(timeouts)], remove(owner), [removed()]],
    ['a removal by an admin', [appointed(timeouts), changed(everything)], remove(admin), [removed(ADMIN)]],
    ['a removal of a moderator whose account was globally banned', [appointed(timeouts)], remove(owner), [removed()]],
  ])('%s', (_, given, when, then) => {
    expect(decide(moderatorsDecider, given, when)).toEqual(then);
  });
});

describe('the moderator appointments decider refuses', () => {
  it.each<[string, ModeratorEvent[], ModeratorCommand, new (...args: any[]) => DomainError, { code: string; field?: string }]>([
    ['an appointment by a moderator', [], set(fellowModerator, timeouts), ForbiddenError, { code: 'not_channel_owner' }],
    ['an appointment by support staff', [], set(support, timeouts), ForbiddenError, { code: 'not_channel_owner' }],
    ['a removal by a moderator', [appointed(timeouts)], remove(fellowModerator), ForbiddenError, { code: 'not_channel_owner' }],
    ['the owner as a moderator', [], set(owner, timeouts, { userId: CHANNEL, username: 'ana' }), ValidationError, { code: 'owner_cannot_be_moderator', field: 'moderatorUsername' }],
    ['a deleted account', [], set(owner, timeouts, { deleted: true }), NotFoundError, { code: 'user_not_found' }],
    ['a globally banned account', [], set(owner, timeouts, { globallyBanned: true }), ConflictError, { code: 'user_globally_banned' }],
    ['an appointment granting nothing', [], set(owner, none), ValidationError, { code: 'no_permission_granted', field: 'permissions' }],
    ['taking every permission away', [appointed(timeouts)], set(owner, none), ValidationError, { code: 'no_permission_granted', field: 'permissions' }],
    ['removing someone who is not a moderator', [], remove(owner), ConflictError, { code: 'not_a_moderator' }],
    ['removing a moderator twice', [appointed(timeouts), removed()], remove(owner), ConflictError, { code: 'not_a_moderator' }],
  ])('%s', (_, given, when, errorType, expected) => {
    const refusal = refusalOf(() => decide(moderatorsDecider, given, when));
    expect(refusal).toBeInstanceOf(errorType);
    expect({ code: refusal.code, field: refusal.field }).toEqual({ field: undefined, ...expected });
  });
});
