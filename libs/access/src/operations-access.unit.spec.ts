import { ANONYMOUS, type UserPrincipal } from './principal';
import { isLoopback, mayReadOperations } from './operations-access';

const user = (staffRole: UserPrincipal['staffRole']): UserPrincipal => ({
  kind: 'user',
  userId: 'u-1',
  username: 'ana',
  sessionId: 's-1',
  staffRole,
  emailConfirmed: true,
  accountCreatedAt: new Date('2026-01-01T00:00:00Z'),
});

describe('who may read how the platform runs', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.7', false],
    ['203.0.113.9', false],
    ['::ffff:203.0.113.9', false],
    ['2001:db8::1', false],
    ['128.0.0.1', false],
    ['not an address', false],
    ['', false],
  ])('%s is the machine itself: %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it.each([
    ['anyone from the machine itself', ANONYMOUS, '127.0.0.1', true],
    ['anyone from elsewhere', ANONYMOUS, '203.0.113.9', false],
    ['a signed-in user from elsewhere', user(null), '203.0.113.9', false],
    ['support from elsewhere', user('support'), '203.0.113.9', true],
    ['an analyst from elsewhere', user('analyst'), '203.0.113.9', true],
    ['an admin from elsewhere', user('admin'), '203.0.113.9', true],
    ['a developer app from elsewhere', { kind: 'app' as const, appId: 'a-1', ownerId: 'u-1', scopes: [] }, '203.0.113.9', false],
  ])('%s: %s', (_, principal, address, expected) => {
    expect(mayReadOperations(principal, address)).toBe(expected);
  });
});
