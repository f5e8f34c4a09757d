import { ConflictError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import { emailClaimDecider, type EmailClaimCommand } from './email-claim-decider';
import type { EmailClaimEvent } from './events';

const claimedBy = (userId: string): EmailClaimEvent => ({ type: 'EmailAddressClaimed', data: { userId } });
const releasedBy = (userId: string): EmailClaimEvent => ({ type: 'EmailAddressReleased', data: { userId, reason: 'account_deleted' } });
const claim = (userId: string): EmailClaimCommand => ({ type: 'ClaimEmailAddress', userId });
const release = (userId: string): EmailClaimCommand => ({ type: 'ReleaseEmailAddress', userId, reason: 'account_deleted' });

describe('an e-mail address claim', () => {
  it.each<[string, EmailClaimEvent[], EmailClaimCommand, EmailClaimEvent[]]>([
    ['a free address is claimed', [], claim('ana'), [claimedBy('ana')]],
    ['an address released by a deleted account is claimed again', [claimedBy('ana'), releasedBy('ana')], claim('ben'), [claimedBy('ben')]],
    ['nothing for claiming one’s own address again', [claimedBy('ana')], claim('ana'), []],
    ['its user releases it', [claimedBy('ana')], release('ana'), [releasedBy('ana')]],
    ['nothing for releasing another’s claim', [claimedBy('ana'), releasedBy('ana'), claimedBy('ben')], release('ana'), []],
    ['nothing for releasing it twice', [claimedBy('ana'), releasedBy('ana')], release('ana'), []],
  ])('%s', (_, given, when, then) => {
    expect(decide(emailClaimDecider, given, when)).toEqual(then);
  });

  it('refuses an address another account uses', () => {
    const refusal = refusalOf(() => decide(emailClaimDecider, [claimedBy('ana')], claim('ben')));
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: 'email_taken', field: 'email' });
  });
});
