import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { textRefusal } from '@glint/safe-text';

/**
 * Checks every string of a body, query or path parameter before any DTO rule or handler sees it,
 * so no route can record text that PostgreSQL, a read model or a reader would choke on.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const refusal = textRefusal(value, metadata.type === 'param' && metadata.data ? metadata.data : '');
    if (refusal) throw refusal;
    return value;
  }
}
