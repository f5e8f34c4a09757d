import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import type { LiveStreamEntry } from '@glint/projections/streams';

export class LiveStreamResponse {
  @ApiProperty({ example: '0b6f4c1e-6f0a-4c55-9a53-2a7d9c3f1e20-3' }) streamId!: string;
  @ApiProperty({ description: "The channel's username." }) channel!: string;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: String, nullable: true }) subcategory!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() language!: string;
  @ApiProperty() mature!: boolean;
  @ApiProperty({ description: 'Distinct viewers watching now.' }) viewers!: number;
  @ApiProperty({ description: 'The most distinct viewers at once so far.' }) peakViewers!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ description: 'The watch page.' }) watchUrl!: string;
}

export function toLiveStreamPage(page: Page<LiveStreamEntry>, publicWebUrl: string): Page<LiveStreamResponse> {
  return { items: page.items.map((entry) => toLiveStreamResponse(entry, publicWebUrl)), nextCursor: page.nextCursor };
}

function toLiveStreamResponse(entry: LiveStreamEntry, publicWebUrl: string): LiveStreamResponse {
  return {
    streamId: entry.streamId,
    channel: entry.username,
    title: entry.title,
    category: entry.category,
    subcategory: entry.subcategory,
    tags: entry.tags,
    language: entry.language,
    mature: entry.mature,
    viewers: entry.viewers,
    peakViewers: entry.peakViewers,
    startedAt: entry.startedAt.toISOString(),
    watchUrl: `${publicWebUrl.replace(/\/+$/, '')}/${entry.username}`,
  };
}
