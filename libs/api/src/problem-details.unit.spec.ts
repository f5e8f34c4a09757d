import { BadRequestException, NotFoundException } from '@nestjs/common';
import { IsInt, IsString, Length, Max, Min, ValidateNested, validate } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '@glint/domain-errors';
import { EmptyAppendError, WrongExpectedRevisionError } from '@glint/eventstore';
import { invalidInput } from './input-validation';
import { toProblemDetails } from './problem-details';

describe('toProblemDetails', () => {
  it.each([
    ['a refused input', new ValidationError('title_too_long', 'The title is longer than 250 characters.', 'title'), 400, 'title_too_long', 'title'],
    ['nobody signed in', new UnauthenticatedError('not_signed_in', 'Sign in first.'), 401, 'not_signed_in', undefined],
    ['a missing permission', new ForbiddenError('not_a_moderator', 'Only the channel’s moderators may time out chatters.'), 403, 'not_a_moderator', undefined],
    ['an unknown channel', new NotFoundError('channel_not_found', 'There is no channel named "nobody".'), 404, 'channel_not_found', undefined],
    ['a state that refuses it', new ConflictError('not_banned', 'That user is not banned in this channel.'), 409, 'not_banned', undefined],
  ])('answers %s with its status and stable code', (_, error, status, code, field) => {
    const { problem, internal } = toProblemDetails(error);
    expect(internal).toBe(false);
    expect(problem).toMatchObject({ status, error: code, type: `urn:glint:problem:${code}`, detail: error.message });
    expect(problem.field).toBe(field);
  });

  it('answers a rate limit with 429 and the seconds to wait', () => {
    const { problem } = toProblemDetails(new RateLimitedError('rate_limited', 'Wait 12 seconds.', 11.2));
    expect(problem).toMatchObject({ status: 429, error: 'rate_limited', retryAfterSeconds: 12 });
  });

  it('passes on the seconds after which any refusal lifts by itself', () => {
    const timedOut = Object.assign(new ForbiddenError('timed_out', 'You are timed out for 4 more minutes.'), { retryAfterSeconds: 230 });
    expect(toProblemDetails(timedOut).problem).toMatchObject({ status: 403, error: 'timed_out', retryAfterSeconds: 230 });
    expect(toProblemDetails(new ForbiddenError('not_a_moderator', 'No.')).problem).not.toHaveProperty('retryAfterSeconds');
  });

  it('turns a lost race on a stream into a 409 the caller can retry', () => {
    const { problem, internal } = toProblemDetails(new WrongExpectedRevisionError('channel-1', 3, 4));
    expect({ status: problem.status, error: problem.error, internal }).toEqual({ status: 409, error: 'concurrent_change', internal: false });
  });

  it.each([
    ['an event the store refused', new EmptyAppendError('channel-1')],
    ['an unexpected failure', new TypeError('cannot read properties of undefined')],
  ])('hides %s behind a 500 and marks it for the log', (_, error) => {
    const { problem, internal } = toProblemDetails(error);
    expect({ status: problem.status, error: problem.error, internal }).toEqual({ status: 500, error: 'internal_error', internal: true });
    expect(problem.detail).not.toContain(error.message);
  });

  it('keeps the status and message of Nest’s own HTTP errors', () => {
    expect(toProblemDetails(new NotFoundException('Cannot GET /api/nothing')).problem).toMatchObject({ status: 404, error: 'not_found', title: 'Not found', detail: 'Cannot GET /api/nothing' });
    expect(toProblemDetails(new BadRequestException()).problem).toMatchObject({ status: 400, error: 'bad_request' });
  });
});

class TierDto {
  @IsInt()
  @Min(1)
  @Max(3)
  level!: number;
}

class ChannelSettingsDto {
  @IsString()
  @Length(1, 250)
  title!: string;

  @ValidateNested()
  @Type(() => TierDto)
  tier!: TierDto;
}

describe('invalidInput', () => {
  it('names every field and the rule it broke, nested fields by their path', async () => {
    const dto = plainToInstance(ChannelSettingsDto, { title: '', tier: { level: 9 } });
    const error = invalidInput(await validate(dto));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe('title');
    expect(error.problems.map(({ field, rule }) => [field, rule])).toEqual([
      ['title', 'isLength'],
      ['tier.level', 'max'],
    ]);
    expect(toProblemDetails(error).problem).toMatchObject({ status: 400, error: 'invalid_input', field: 'title' });
  });
});
