import { ApiProperty } from '@nestjs/swagger';
import type { DeveloperAppRow } from '@glint/projections/developer-apps';
import { APP_SUSPENSIONS, type AppSuspension } from '../app-suspension';
import { AppResponse, toAppResponse } from './app.response';

/** An app as staff see it: with whether, and why, it is suspended. */
export class StaffAppResponse extends AppResponse {
  @ApiProperty({ description: 'No token is issued nor honoured for the app while true.' }) suspended!: boolean;
  @ApiProperty({ enum: APP_SUSPENSIONS, nullable: true }) suspension!: AppSuspension | null;
}

export function toStaffAppResponse(row: DeveloperAppRow, suspension: AppSuspension | null): StaffAppResponse {
  return { ...toAppResponse(row), suspended: suspension !== null, suspension };
}
