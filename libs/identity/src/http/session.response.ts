import { ApiProperty } from '@nestjs/swagger';
import type { StartedSession } from '../commands/log-in';

export class SessionResponse {
  @ApiProperty({ description: 'Send it as "Authorization: Bearer <token>". Shown once.' }) token!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export const toSessionResponse = (session: StartedSession): SessionResponse => ({
  token: session.token,
  sessionId: session.sessionId,
  userId: session.userId,
  expiresAt: session.expiresAt.toISOString(),
});
