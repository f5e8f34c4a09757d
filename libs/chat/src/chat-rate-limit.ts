import type Redis from 'ioredis';
import { ChatRateLimitedError } from './chat-refusals';

export interface ChatRateRule {
  messages: number;
  perSeconds: number;
}

export const DEFAULT_CHAT_RATE_RULE: ChatRateRule = { messages: 20, perSeconds: 30 };

/**
 * How many messages one user may send to one channel's chat in a window. The count lives in Redis,
 * so it holds however many platform processes the user's messages reach. A window opens with the
 * first message and closes `perSeconds` later (a fixed window: cheap, and a burst across its edge
 * gets at most twice the rate).
 */
export class ChatRateLimit {
  constructor(
    private readonly redis: Redis,
    private readonly rule: ChatRateRule = DEFAULT_CHAT_RATE_RULE,
  ) {}

  /** Counts one message, or throws `rate_limited` with the seconds until the window closes. */
  async count(channelId: string, userId: string): Promise<void> {
    const key = `glint:chat-rate:${channelId}:${userId}`;
    const replies = await this.redis.multi().incr(key).pexpire(key, this.rule.perSeconds * 1000, 'NX').pttl(key).exec();
    if (!replies) throw new Error('Redis discarded the chat rate-limit transaction.');
    for (const [error] of replies) if (error) throw error;
    const count = Number(replies[0][1]);
    const millisecondsLeft = Number(replies[2][1]);
    if (count > this.rule.messages) throw new ChatRateLimitedError(Math.max(1, Math.ceil(millisecondsLeft / 1000)));
  }
}
