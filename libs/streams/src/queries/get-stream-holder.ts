import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StreamRecorder } from '../stream-recorder';

/** The gateway that holds a channel's live stream, and where viewers reach it. */
export interface StreamHolder {
  streamId: string;
  gatewayId: string;
  /** The gateway's public address, as its heartbeat gives it. */
  baseUrl: string;
}

/**
 * Where the channel is live: its live stream's gateway, while that gateway still beats. Null when
 * the channel is not live, or its gateway is lost (the worker is about to end the stream): either
 * way nobody holds it.
 */
export class GetStreamHolderQuery extends Query<StreamHolder | null> {
  constructor(readonly channelId: string) {
    super();
  }
}

@QueryHandler(GetStreamHolderQuery)
export class GetStreamHolderHandler implements IQueryHandler<GetStreamHolderQuery> {
  constructor(private readonly recorder: StreamRecorder) {}

  async execute({ channelId }: GetStreamHolderQuery): Promise<StreamHolder | null> {
    const latest = await this.recorder.latest(channelId);
    if (latest?.state.status !== 'live') return null;
    const { gatewayId } = latest.state.started;
    const beating = await this.recorder.beatingGateway(gatewayId);
    return beating ? { streamId: latest.streamId, gatewayId, baseUrl: beating.baseUrl } : null;
  }
}
