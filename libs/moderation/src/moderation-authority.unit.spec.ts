import type { StaffRole } from '@glint/access';
import { refusalOf } from '@glint/testing';
import { assertOverseesChannel, moderationAuthority, type ModerationAuthority, type StandingPermissions } from './moderation-authority';

const noPermission: StandingPermissions = { timeout: false, unTimeout: false, ban: false, unban: false };
const deleteOnly = { ...noPermission, deleteMessage: true, edit: false };
const user = (userId: string, staffRole: StaffRole | null = null) => ({ userId, staffRole });

describe('moderationAuthority', () => {
  it.each<[string, ReturnType<typeof user>, StandingPermissions | null, ModerationAuthority]>([
    ['the owner', user('owner-1'), null, { kind: 'owner' }],
    ['an owner who is also staff acts as the owner', user('owner-1', 'admin'), null, { kind: 'owner' }],
    ['an admin', user('staff-1', 'admin'), null, { kind: 'staff' }],
    ['support', user('staff-1', 'support'), null, { kind: 'staff' }],
    ['an analyst is not moderating staff', user('staff-1', 'analyst'), null, { kind: 'none' }],
    ['an analyst appointed as moderator acts as one', user('staff-1', 'analyst'), deleteOnly, { kind: 'moderator', permissions: deleteOnly }],
    ['a support member appointed as moderator keeps the staff authority', user('staff-1', 'support'), deleteOnly, { kind: 'staff' }],
    ['a moderator', user('mod-1'), deleteOnly, { kind: 'moderator', permissions: deleteOnly }],
    ['anybody else', user('viewer-1'), null, { kind: 'none' }],
  ])('%s', (_, who, permissions, expected) => {
    expect(moderationAuthority(who, 'owner-1', permissions)).toEqual(expected);
  });
});

describe('assertOverseesChannel', () => {
  it.each<[string, ModerationAuthority]>([
    ['the owner', { kind: 'owner' }],
    ['staff', { kind: 'staff' }],
    ['a moderator with no standing permission at all', { kind: 'moderator', permissions: noPermission }],
  ])('%s', (_, authority) => {
    expect(() => assertOverseesChannel(authority)).not.toThrow();
  });

  it('anybody else', () => {
    expect(refusalOf(() => assertOverseesChannel({ kind: 'none' }))).toMatchObject({ kind: 'forbidden', code: 'not_channel_moderator' });
  });
});
