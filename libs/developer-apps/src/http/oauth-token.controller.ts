import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RequestCommandContext } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { Throttled } from '@glint/throttles';
import { IssueAppTokenCommand } from '../commands/issue-app-token';
import { AccessTokenResponse, toAccessTokenResponse } from './access-token.response';
import { TokenRequestDto } from './token-request.dto';

@ApiTags('developer apps')
@Controller('api/oauth')
export class OAuthTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Post('token')
  @Throttled('appTokens')
  @HttpCode(HttpStatus.OK)
  // RFC 6749, section 5.1: a response carrying a token is never cached.
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOperation({ summary: 'A client-credentials access token for an app (RFC 6749, section 4.4), valid for an hour' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiUnauthorizedResponse({ description: '`invalid_client`: unknown client id, wrong secret, or a deleted app' })
  @ApiBadRequestResponse({ description: '`unsupported_grant_type`, `invalid_scope`, or `invalid_input` naming the field' })
  async token(@Body() body: TokenRequestDto, @RequestCommandContext() context: CommandContext): Promise<AccessTokenResponse> {
    const issued = await this.commands.execute(
      new IssueAppTokenCommand({ grantType: body.grant_type, clientId: body.client_id, clientSecret: body.client_secret, scope: body.scope }, context),
    );
    return toAccessTokenResponse(issued);
  }
}
