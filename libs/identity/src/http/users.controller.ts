import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@glint/access';
import { PublicProfileQuery } from '../queries/public-profile';
import { UsernameParams } from './account.dto';
import { PublicProfileResponse, toPublicProfileResponse } from './responses';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly publicProfile: PublicProfileQuery) {}

  @Get(':username')
  @ApiOperation({ summary: 'A user’s public profile, by username in any case; a deleted account shows as deleted' })
  @ApiOkResponse({ type: PublicProfileResponse })
  async profile(@Param() params: UsernameParams, @CurrentPrincipal() principal: Principal): Promise<PublicProfileResponse> {
    return toPublicProfileResponse(await this.publicProfile.execute(principal, params.username));
  }
}
