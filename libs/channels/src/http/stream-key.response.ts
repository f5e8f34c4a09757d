import { ApiProperty } from '@nestjs/swagger';

export class StreamKeyResponse {
  @ApiProperty({ description: 'Shown this once; the previous key stops working.' }) streamKey!: string;
}
