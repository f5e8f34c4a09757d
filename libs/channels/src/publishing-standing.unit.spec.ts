import { ForbiddenError } from '@glint/domain-errors';
import { refusalOf } from '@glint/testing';
import { requireMayPublish } from './publishing-standing';

describe('who may publish a channel', () => {
  it('lets an owner under no sanction publish', () => {
    expect(() => requireMayPublish({ globallyBanned: false, streamingSuspended: false })).not.toThrow();
  });

  it.each([
    ['a streaming-suspended owner', { globallyBanned: false, streamingSuspended: true }, 'streaming_suspended'],
    ['a globally banned owner', { globallyBanned: true, streamingSuspended: false }, 'globally_banned'],
    ['an owner both banned and suspended, naming the ban, which outlasts lifting the suspension', { globallyBanned: true, streamingSuspended: true }, 'globally_banned'],
  ])('refuses %s', (_, owner, code) => {
    const refusal = refusalOf(() => requireMayPublish(owner));
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal.code).toBe(code);
  });
});
