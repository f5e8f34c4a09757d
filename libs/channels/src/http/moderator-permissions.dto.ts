import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, ValidateNested } from 'class-validator';
import type { ModeratorPermissions } from '../moderator-permissions';

export class ModeratorPermissionsDto implements ModeratorPermissions {
  @ApiProperty({ description: 'Time chatters out.' })
  @IsBoolean()
  timeout!: boolean;

  @ApiProperty({ description: 'Lift timeouts.' })
  @IsBoolean()
  unTimeout!: boolean;

  @ApiProperty({ description: 'Ban chatters from the channel.' })
  @IsBoolean()
  ban!: boolean;

  @ApiProperty({ description: 'Lift bans.' })
  @IsBoolean()
  unban!: boolean;

  @ApiProperty({ description: 'Delete chat messages.' })
  @IsBoolean()
  deleteMessage!: boolean;

  @ApiProperty({ description: "Change the channel's title, category, subcategory and tags." })
  @IsBoolean()
  edit!: boolean;
}

/** Every permission, each granted or not: the whole set replaces what the moderator had. */
export class SetModeratorDto {
  @ApiProperty({ type: ModeratorPermissionsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ModeratorPermissionsDto)
  permissions!: ModeratorPermissionsDto;
}
