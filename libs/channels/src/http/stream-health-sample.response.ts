import { ApiProperty } from '@nestjs/swagger';
import type { StreamHealthSample } from '@glint/projections/stream-health';

/** What the publisher sent over one sampling period, and how many watched then. */
export class StreamHealthSampleResponse {
  @ApiProperty({ type: String, format: 'date-time' }) sampledAt!: string;
  @ApiProperty({ description: 'How long the sampling period was.' }) periodSeconds!: number;
  @ApiProperty({ description: 'Kilobits per second received from the publisher over the period.' }) bitrateKbps!: number;
  @ApiProperty({ description: 'Packets received over the period.' }) packets!: number;
  @ApiProperty({ description: 'Packets lost over the period.' }) packetsLost!: number;
  @ApiProperty({ description: 'Retransmissions asked of the publisher over the period.' }) nacks!: number;
  @ApiProperty({ description: 'Keyframes asked of the publisher over the period.' }) keyframeRequests!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Video width in pixels; null when unknown.' }) width!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Video height in pixels; null when unknown.' }) height!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['H264', 'VP8'] }) videoCodec!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['opus'] }) audioCodec!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Viewers at the latest viewer-count sample before this one; null before the first.' }) viewers!: number | null;
}

export function toStreamHealthSampleResponse(sample: StreamHealthSample): StreamHealthSampleResponse {
  return {
    sampledAt: sample.sampledAt.toISOString(),
    periodSeconds: sample.periodSeconds,
    bitrateKbps: sample.bitrateKbps,
    packets: sample.packets,
    packetsLost: sample.packetsLost,
    nacks: sample.nacks,
    keyframeRequests: sample.keyframeRequests,
    width: sample.width,
    height: sample.height,
    videoCodec: sample.videoCodec,
    audioCodec: sample.audioCodec,
    viewers: sample.viewers,
  };
}
