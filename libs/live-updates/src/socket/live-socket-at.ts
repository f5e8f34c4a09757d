import { applyDecorators, UseFilters, UsePipes } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { TextInputPipe } from '@glint/api';
import { FrameErrorsFilter } from './frame-errors.filter';
import { frameValidationPipe } from './frame-validation';
import { MAX_CLIENT_FRAME_BYTES } from './socket-frames';

/**
 * A Glint WebSocket at `path` (a Nest `@WebSocketGateway` underneath): client frames are capped in
 * size and nesting, their text passes the rules request bodies pass, then they are checked against
 * their DTOs; a refusal is answered with an error frame.
 */
export function LiveSocketAt(path: string): ClassDecorator {
  return applyDecorators(WebSocketGateway({ path, maxPayload: MAX_CLIENT_FRAME_BYTES }), UseFilters(FrameErrorsFilter), UsePipes(new TextInputPipe(), frameValidationPipe()));
}
