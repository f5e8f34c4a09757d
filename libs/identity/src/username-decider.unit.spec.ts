import { ConflictError, ValidationError, type DomainError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { UsernameEvent } from './events';
import { usernameDecider, type ClaimUsername } from './username-decider';

const claimedByAna: UsernameEvent = { type: 'UsernameClaimed', data: { userId: 'ana-id', username: 'Ana_1' } };
const claim = (username: string, userId = 'ben-id'): ClaimUsername => ({ type: 'ClaimUsername', username, userId });

describe('claiming a username', () => {
  it.each<[string, UsernameEvent[], ClaimUsername, UsernameEvent[]]>([
    ['a free name is claimed as spelled', [], claim('Ben_99'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'Ben_99' } }]],
    ['three characters are enough', [], claim('bob'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'bob' } }]],
    ['twenty-five are the most', [], claim('a'.repeat(25)), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'a'.repeat(25) } }]],
    ['a name that merely contains a reserved word is free', [], claim('glintfan'), [{ type: 'UsernameClaimed', data: { userId: 'ben-id', username: 'glintfan' } }]],
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
});
