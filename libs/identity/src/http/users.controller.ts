import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@glint/access';
import { GetPublicProfileQuery } from '../queries/get-public-profile';
import { UsernameParams } from './account.dto';
import { PublicProfileResponse, toPublicProfileResponse } from './public-profile.response';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':username')
  @ApiOperation({ summary: 'A user’s public profile, by username in any case; a deleted account shows as deleted' })
  @ApiOkResponse({ type: PublicProfileResponse })
  async profile(@Param() params: UsernameParams, @CurrentPrincipal() principal: Principal): Promise<PublicProfileResponse> {
    return toPublicProfileResponse(await this.queries.execute(new GetPublicProfileQuery(principal, params.username)));
  }
}
