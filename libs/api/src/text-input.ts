import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationError } from '@glint/domain-errors';
import { textProblems } from '@glint/safe-text';

/**
 * Checks every string of a body, query or path parameter before any DTO rule or handler sees it,
 * so no route can record text that PostgreSQL, a read model or a reader would choke on.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems: Array<{ field: string; rule: string; message: string }> = [];
    visit(value, metadata.type === 'param' && metadata.data ? metadata.data : '', problems);
    if (problems.length > 0) {
      throw new ValidationError('invalid_text', problems.map((problem) => problem.message).join('; '), problems[0].field, problems);
    }
    return value;
  }
}

function visit(value: unknown, field: string, problems: Array<{ field: string; rule: string; message: string }>): void {
  if (typeof value === 'string') {
    for (const { rule, problem } of textProblems(value)) problems.push({ field: field || 'body', rule, message: `${field || 'The body'} ${problem}.` });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) visit(item, field, problems);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      visit(key, field, problems);
      visit(item, field ? `${field}.${key}` : key, problems);
    }
  }
}
