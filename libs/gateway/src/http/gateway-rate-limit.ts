import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GATEWAY_SETTINGS, type GatewaySettings } from '@glint/runtime';
import { Throttles } from '@glint/throttles';

/**
 * How many WHIP/WHEP writes (POST, PATCH, DELETE) one client address may make to this gateway in a
 * window (THROTTLE_GATEWAY_REQUESTS): generous for encoders and players, which make a handful of
 * requests per session.
 */
@Injectable()
export class GatewayRateLimit implements CanActivate {
  constructor(
    private readonly throttles: Throttles,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { ip } = context.switchToHttp().getRequest<{ ip: string }>();
    await this.throttles.gatewayRequests.take(`${this.settings.id}:${ip}`);
    return true;
  }
}
