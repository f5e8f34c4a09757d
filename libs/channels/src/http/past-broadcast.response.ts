import { ApiProperty } from '@nestjs/swagger';
import type { PastBroadcast } from '@glint/projections/streams';
import { STREAM_END_REASONS } from '@glint/streams/events';
import { CATEGORIES } from '../categories';

/** A broadcast of the channel that ended, with its totals. */
export class PastBroadcastResponse {
  @ApiProperty() streamId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) endedAt!: string;
  @ApiProperty() durationSeconds!: number;
  @ApiProperty({ description: 'The most distinct viewers at once.' }) peakViewers!: number;
  @ApiProperty({ description: 'Time-weighted mean of concurrent distinct viewers.' }) averageViewers!: number;
  @ApiProperty({ enum: STREAM_END_REASONS, description: 'Why it ended.' }) endReason!: string;
}

export function toPastBroadcastResponse(broadcast: PastBroadcast): PastBroadcastResponse {
  return {
    streamId: broadcast.streamId,
    title: broadcast.title,
    category: broadcast.category,
    startedAt: broadcast.startedAt.toISOString(),
    endedAt: broadcast.endedAt.toISOString(),
    durationSeconds: broadcast.durationSeconds,
    peakViewers: broadcast.peakViewers,
    averageViewers: broadcast.averageViewers,
    endReason: broadcast.endReason,
  };
}
