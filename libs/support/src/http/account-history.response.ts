import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import type { SupportHistoryEntry } from '../commands/view-account-history';

export class HistoryEntryResponse {
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'UserLoggedIn' }) type!: string;
  @ApiProperty({ example: 'user-…' }) streamName!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['actor', 'subject', 'both'] }) relation!: string;
  @ApiProperty({ description: 'Who caused it: a user with their role, or system/stripe/gateway.' }) actor!: object;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true, type: String }) causationId!: string | null;
  @ApiProperty({
    description:
      'The event’s data as recorded. The fields its type declares personal are opened (an `emailSealed` is shown as `email`): null where the owner’s account was erased, `{ "unreadable": true }` where the sealed value in the log is damaged. Every other string is shown exactly as written; credentials are withheld.',
  })
  data!: unknown;
}

/** Whose history the page is, beside the page itself. */
export class HistoryAccountResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
}

export type HistoryPageResponse = Page<HistoryEntryResponse> & HistoryAccountResponse;

export function toHistoryPageResponse(userId: string, page: Page<SupportHistoryEntry>): HistoryPageResponse {
  return {
    userId,
    items: page.items.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
    nextCursor: page.nextCursor,
  };
}
