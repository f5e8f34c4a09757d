import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** RFC 6749's field names, sent as JSON or as an HTML form (application/x-www-form-urlencoded). */
export class TokenRequestDto {
  @ApiProperty({ example: 'client_credentials' })
  @IsString()
  @MaxLength(64)
  grant_type!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(64)
  client_id!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  client_secret!: string;

  @ApiPropertyOptional({ description: 'Space-separated scopes within the app’s own; all of them when not given.', example: 'public chat' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string;
}
