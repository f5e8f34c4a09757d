import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** How many entries a list gives when not asked, and the most it gives. */
export interface PageLimit {
  readonly default: number;
  readonly max: number;
}

// applyDecorators applies its list first to last, stacked decorators bottom to top: the list is the
// stack read bottom-up, so a refusal names the broken rules in the order every other DTO's does.

/** `before`, the cursor of a newest-first list keyed by log position. */
export function PageBefore(): PropertyDecorator {
  return applyDecorators(Min(1), IsInt(), Type(() => Number), IsOptional(), ApiPropertyOptional({ description: 'The `nextBefore` of the previous page.' }));
}

/** `limit`, the page size of a list, within that list's own limit. */
export function PageSize(limit: PageLimit): PropertyDecorator {
  return applyDecorators(Max(limit.max), Min(1), IsInt(), Type(() => Number), IsOptional(), ApiPropertyOptional({ minimum: 1, maximum: limit.max, default: limit.default }));
}
