import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimitedError } from '@glint/domain-errors';
import { GATEWAY_SETTINGS, REDIS, type GatewaySettings } from '@glint/runtime';

/** Generous for encoders and players, which make a handful of requests per session. */
export const GATEWAY_RATE_RULE = { requests: 60, perSeconds: 10 };

/**
 * How many WHIP/WHEP writes (POST, PATCH, DELETE) one client address may make to this gateway in a
 * window. The count lives in Redis, as the chat's does; a window opens with the first request and
 * closes `perSeconds` later.
 */
@Injectable()
export class GatewayRateLimit implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { ip } = context.switchToHttp().getRequest<{ ip: string }>();
    const key = `glint:gateway-rate:${this.settings.id}:${ip}`;
    const replies = await this.redis.multi().incr(key).pexpire(key, GATEWAY_RATE_RULE.perSeconds * 1000, 'NX').pttl(key).exec();
    if (!replies) throw new Error('Redis discarded the gateway rate-limit transaction.');
    for (const [error] of replies) if (error) throw error;
    const count = Number(replies[0][1]);
    const secondsLeft = Math.max(1, Math.ceil(Number(replies[2][1]) / 1000));
    if (count > GATEWAY_RATE_RULE.requests) throw new RateLimitedError('rate_limited', `Too many requests to this gateway from your address; try again in ${secondsLeft} s.`, secondsLeft);
    return true;
  }
}
