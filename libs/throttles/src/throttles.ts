import { Inject, Injectable, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimitedError } from '@glint/domain-errors';
import { PLATFORM_CONFIG, PLATFORM_METRICS, REDIS, type PlatformConfig, type PlatformMetrics, type RateRule } from '@glint/runtime';
import { LockOut } from './lock-out';
import { Throttle } from './throttle';

/** The throttles a route takes with `@Throttled(name)`, counted per caller. */
export type RouteThrottle = 'registration' | 'passwordReset' | 'reports' | 'tickets' | 'appTokens' | 'follows';

/**
 * Every throttle of the platform, with the limits configured (THROTTLE_*). The counters of one
 * deployment share THROTTLE_NAMESPACE, so every process of it counts together.
 */
@Injectable()
export class Throttles implements Record<RouteThrottle, Throttle> {
  readonly registration: Throttle;
  readonly passwordReset: Throttle;
  readonly reports: Throttle;
  readonly tickets: Throttle;
  readonly appTokens: Throttle;
  readonly follows: Throttle;
  /** Per client address, over /ws/chat and /ws/live together. */
  readonly socketConnections: Throttle;
  /** Per sender and channel. */
  readonly chatMessages: Throttle;
  /** Per gateway and client address. */
  readonly gatewayRequests: Throttle;
  /** Wrong passwords, per account. */
  readonly signInPerAccount: LockOut;
  /** Wrong passwords, per client address. */
  readonly signInPerAddress: LockOut;
  /** Wrong two-factor codes, per account. */
  readonly twoFactor: LockOut;

  constructor(
    @Inject(PLATFORM_CONFIG) { throttles: limits }: PlatformConfig,
    // The CLI runs the contexts' handlers without Redis, and never one that counts.
    @Optional() @Inject(REDIS) redis: Redis | null,
    @Optional() @Inject(PLATFORM_METRICS) metrics: PlatformMetrics | null,
  ) {
    const connection = (): Redis => {
      if (!redis) throw new Error('This process runs without Redis, so it cannot count requests against their throttles.');
      return redis;
    };
    const prefix = (name: string) => `glint:throttle:${limits.namespace}:${name}`;
    // Every refusal is made here, so each one is counted here, by the throttle that refused.
    const refusal = (name: string, message: (wait: string) => string) => (seconds: number) => {
      metrics?.throttledRequests.inc({ throttle: name });
      return new RateLimitedError('rate_limited', message(duration(seconds)), seconds);
    };
    const throttle = (name: string, rule: RateRule, message: (wait: string) => string) => new Throttle(connection, prefix(name), rule, refusal(name, message));
    const lockOut = (name: string, failures: RateRule, lockSeconds: { first: number; longest: number }, message: (wait: string) => string) =>
      new LockOut(connection, prefix(name), { failures, firstLockSeconds: lockSeconds.first, longestLockSeconds: lockSeconds.longest }, refusal(name, message));
    const tooMany = (what: string) => (wait: string) => `Too many ${what}: try again in ${wait}.`;
    const signInLocks = { first: limits.signInLockout.firstSeconds, longest: limits.signInLockout.maxSeconds };
    // A code stays wrong for the window it was counted in, and no longer: the lock is the window.
    const twoFactorLock = { first: limits.twoFactor.perSeconds, longest: limits.twoFactor.perSeconds };

    this.registration = throttle('registration', limits.registration, tooMany('accounts registered from your address'));
    this.passwordReset = throttle('password-reset', limits.passwordReset, tooMany('password resets asked for from your address'));
    this.reports = throttle('reports', limits.reports, tooMany('reports filed'));
    this.tickets = throttle('tickets', limits.tickets, tooMany('support tickets opened'));
    this.appTokens = throttle('app-tokens', limits.appTokens, tooMany('app tokens asked for from your address'));
    this.follows = throttle('follows', limits.follows, tooMany('follows and unfollows'));
    this.socketConnections = throttle('socket-connections', limits.socketConnections, tooMany('connections from your address'));
    this.chatMessages = throttle('chat-messages', limits.chatMessages, (wait) => `You are sending messages too fast: wait ${wait} before the next one.`);
    this.gatewayRequests = throttle('gateway-requests', limits.gatewayRequests, tooMany('requests to this gateway from your address'));
    this.signInPerAccount = lockOut('sign-in-account', limits.signInPerAccount, signInLocks, (wait) => `Too many failed sign-ins to this account: it is locked for ${wait}, and its owner has been told by mail.`);
    this.signInPerAddress = lockOut('sign-in-address', limits.signInPerAddress, signInLocks, tooMany('failed sign-ins from your address'));
    this.twoFactor = lockOut('two-factor', limits.twoFactor, twoFactorLock, tooMany('wrong two-factor codes for this account'));
  }
}

/** "45 seconds", "15 minutes", "2 hours": a wait as a person reads it. */
export function duration(seconds: number): string {
  const [amount, unit]: [number, string] = seconds < 120 ? [seconds, 'second'] : seconds < 2 * 3600 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
