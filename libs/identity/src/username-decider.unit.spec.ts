import { ConflictError, ValidationError, type DomainError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { UsernameEvent } from './events';
import { usernameDecider, type ClaimUsername, type UsernameCommand } from './username-decider';

const claimedByAna: UsernameEvent = { type: 'UsernameClaimed', data: { userId: 'ana-id', username: 'Ana_1' } };
const claim = (username: string, userId = 'ben-id'): ClaimUsername => ({ type: 'ClaimUsername', username, userId });
const releasedByAna: UsernameEvent = { type: 'UsernameReleased', data: { userId: 'ana-id', username: 'Ana_1' } };
const release = (userId: string): UsernameCommand => ({ type: 'ReleaseUsername', userId });

describe('claiming a username', () => {
  it.each<[string, UsernameEvent[], ClaimUsername, UsernameEvent[]]>([
    ['a free name is claimed as spelled', [], claim('Ben_99'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'Ben_99' } }]],
    ['three characters are enough', [], claim('bob'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'bob' } }]],
    ['twenty-five are the most', [], claim('a'.repeat(25)), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'a'.repeat(25) } }]],
    ['a name that merely contains a reserved word is free', [], claim('glintfan'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'glintfan' } }]],
    ['a name released is free again', [claimedByAna, releasedByAna], claim('ANA_1'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'ANA_1' } }]],
  ])('%s', (_, given, when, then) => {
    expect(decide(usernameDecider, given, when)).toEqual(then);
  });

  it.each<[string, UsernameEvent[], ClaimUsername, new (...args: never[]) => DomainError, string]>([
    ['a name claimed already', [claimedByAna], claim('Ana_1'), ConflictError, 'username_taken'],
    ['a reserved name, whatever its case', [], claim('ADMIN'), ValidationError, 'username_reserved'],
    ['each reserved word', [], claim('Glint'), ValidationError, 'username_reserved'],
    ['staff', [], claim('staff'), ValidationError, 'username_reserved'],
    ['too short', [], claim('ab'), ValidationError, 'invalid_username'],
    ['too long', [], claim('a'.repeat(26)), ValidationError, 'invalid_username'],
    ['other characters', [], claim('ana-1'), ValidationError, 'invalid_username'],
    ['letters beyond a–z', [], claim('anaé'), ValidationError, 'invalid_username'],
  ])('refuses %s', (_, given, when, kind, code) => {
    const refusal = refusalOf(() => decide(usernameDecider, given, when));
    expect(refusal).toBeInstanceOf(kind);
    expect(refusal).toMatchObject({ code, field: 'username' });
  });

  it.each<[string, UsernameEvent[], UsernameCommand, UsernameEvent[]]>([
    ['its claimant gives a name back, as it was spelled', [claimedByAna], release('ana-id'), [releasedByAna]],
    ['nothing for a name claimed by another', [claimedByAna], release('ben-id'), []],
    ['nothing for a name given back already', [claimedByAna, releasedByAna], release('ana-id'), []],
    ['nothing for a name never claimed', [], release('ana-id'), []],
  ])('releasing: %s', (_, given, when, then) => {
    expect(decide(usernameDecider, given, when)).toEqual(then);
  });
});
