import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class FollowDto {
  @ApiProperty({ description: 'Be told when the channel goes live.' })
  @IsBoolean()
  liveNotifications!: boolean;
}
