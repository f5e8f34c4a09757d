import { HealthIndicatorService } from '@nestjs/terminus';
import type { GatewaySessions, GatewayStatus } from '@glint/gateway';
import { GatewayHealthIndicator } from './gateway-health';

const LOST_AFTER_MS = 10_000;
const NOW = Date.parse('2026-12-02T08:00:00Z');

function indicatorFor(status: Partial<GatewayStatus>): GatewayHealthIndicator {
  const gateway = { status: (): GatewayStatus => ({ id: 'gw-a', enabled: true, udpPort: 8189, publishers: 2, viewers: 31, connectedViewers: 30, lastHeartbeatAt: null, ...status }) };
  return new GatewayHealthIndicator(new HealthIndicatorService(), gateway as unknown as GatewaySessions, LOST_AFTER_MS);
}

describe("a lone gateway's health", () => {
  it('is up with what it holds while its heartbeat is fresh', () => {
    const beat = new Date(NOW - 1_500);
    expect(indicatorFor({ lastHeartbeatAt: beat }).heartbeat(NOW)).toEqual({
      gateway: { status: 'up', id: 'gw-a', enabled: true, udpPort: 8189, publishers: 2, viewers: 31, connectedViewers: 30, lastHeartbeatAt: beat.toISOString() },
    });
  });

  it('is down, saying why, once its last heartbeat is older than the worker waits', () => {
    const result = indicatorFor({ lastHeartbeatAt: new Date(NOW - 10_001) }).heartbeat(NOW);
    expect(result.gateway).toMatchObject({ status: 'down', publishers: 2, message: "the last heartbeat reached the database 10001 ms ago; the worker ends a gateway's streams after 10000 ms" });
  });

  it('is down before its first heartbeat reached the database', () => {
    expect(indicatorFor({}).heartbeat(NOW).gateway).toMatchObject({ status: 'down', lastHeartbeatAt: null, message: 'no heartbeat has reached the database yet' });
  });
});
