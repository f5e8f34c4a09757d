import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { APP_SCOPES, type AppScope } from '@glint/access';
import { APP_DESCRIPTION_MAX_LENGTH, APP_NAME_LENGTH } from '../developer-app-decider';

export class RegisterAppDto {
  @ApiProperty({ minLength: APP_NAME_LENGTH.min, maxLength: APP_NAME_LENGTH.max, example: 'Clip Bot' })
  @IsString()
  @Length(APP_NAME_LENGTH.min, APP_NAME_LENGTH.max)
  name!: string;

  @ApiPropertyOptional({ maxLength: APP_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(APP_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ enum: APP_SCOPES, isArray: true, description: 'What the app’s tokens may do; `public` when not given.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APP_SCOPES.length)
  @IsIn(APP_SCOPES, { each: true })
  scopes?: AppScope[];
}

export class AppIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appId!: string;
}

export class AppOwnerParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a user id (a UUID).' })
  userId!: string;
}
