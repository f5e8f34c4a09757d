import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export const SHUTDOWN_REASON_LENGTH = { min: 1, max: 500 } as const;

export class ShutdownStreamDto {
  @ApiProperty({ minLength: SHUTDOWN_REASON_LENGTH.min, maxLength: SHUTDOWN_REASON_LENGTH.max, description: 'Why staff end the stream.' })
  @IsString()
  @Length(SHUTDOWN_REASON_LENGTH.min, SHUTDOWN_REASON_LENGTH.max)
  @Matches(/\S/, { message: 'reason must say why, not only spaces' })
  reason!: string;
}
