import { ApiProperty } from '@nestjs/swagger';

/** The same whether or not an account uses the address: the answer tells nobody which addresses have accounts. */
export class PasswordResetRequestedResponse {
  @ApiProperty({ example: 'If an account uses this address, a link to set a new password is on its way. It works once, for an hour.' })
  message!: string;
}

export const PASSWORD_RESET_REQUESTED: PasswordResetRequestedResponse = {
  message: 'If an account uses this address, a link to set a new password is on its way. It works once, for an hour.',
};
