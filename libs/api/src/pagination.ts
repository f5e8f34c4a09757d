import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationError } from '@glint/domain-errors';

/**
 * Every list Glint serves is read the same way: newest first (or in the list's own order), a page of
 * `limit` items, and `nextCursor` to pass as `cursor` for the next page until it is null.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
const MAX_CURSOR_LENGTH = 200;

/** The query of a page: what `cursor` and `limit` mean is said once, here. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; leave it out for the first page.', maxLength: MAX_CURSOR_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;

  @ApiPropertyOptional({ description: 'How many items the page holds at most.', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @TransformTo(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

/** What a list query asks for, once its DTO has been checked. */
export interface PageRequest {
  cursor?: string;
  limit?: number;
}

export interface Page<Item> {
  items: Item[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

/** The page's own part of every list response in the OpenAPI document; a list adds its `items`. */
export class PageResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}

/** The 200 answer of a list route: `{ items: Item[], nextCursor }`, plus what `extra` adds (a total). */
export function ApiPageResponse(item: Type<unknown>, extra?: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageResponse, item, ...(extra ? [extra] : [])),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageResponse) },
          ...(extra ? [{ $ref: getSchemaPath(extra) }] : []),
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

/** The page size asked for, or the default; a size out of range is refused as the DTO refuses it. */
export function pageSize(request: PageRequest): number {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError('invalid_page_size', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${limit}.`, 'limit');
  }
  return limit;
}

/** The refusal of a cursor this list never gave out. */
export function invalidCursor(): ValidationError {
  return new ValidationError('invalid_cursor', 'The cursor is not one this list gave out; pass the nextCursor of the previous page.', 'cursor');
}

/**
 * Cursors of lists ordered by log position: the position of the last item shown. Queries fetch one
 * row more than the page holds to learn whether another page exists, without counting.
 */
export const positionCursor = {
  encode(position: number): string {
    return String(position);
  },
  decode(cursor: string | undefined): number | null {
    if (cursor === undefined) return null;
    if (!/^[1-9][0-9]{0,15}$/.test(cursor) || !Number.isSafeInteger(Number(cursor))) throw invalidCursor();
    return Number(cursor);
  },
};

/**
 * Cursors of lists ordered by several columns (a time, then an id to break ties): the last item's
 * sort values, opaque to callers. `decode` takes the kinds the values must have, and refuses a
 * cursor this list did not give out.
 */
export const keyCursor = {
  encode(values: ReadonlyArray<string | number>): string {
    return Buffer.from(JSON.stringify(values)).toString('base64url');
  },
  decode<const Kinds extends ReadonlyArray<'string' | 'number' | 'time'>>(cursor: string | undefined, kinds: Kinds): { [K in keyof Kinds]: Kinds[K] extends 'number' ? number : string } | null {
    if (cursor === undefined) return null;
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    if (!Array.isArray(values) || values.length !== kinds.length) throw invalidCursor();
    kinds.forEach((kind, index) => {
      const value: unknown = values[index];
      const fits =
        kind === 'number' ? Number.isSafeInteger(value) && (value as number) >= 0 : typeof value === 'string' && value.length <= 100 && (kind === 'string' || !Number.isNaN(Date.parse(value)));
      if (!fits) throw invalidCursor();
    });
    return values as { [K in keyof Kinds]: Kinds[K] extends 'number' ? number : string };
  },
};

/** Cuts the one extra row a query fetched, and gives the cursor of the last row kept. */
export function toPage<Row, Item = Row>(rows: readonly Row[], limit: number, cursorOf: (row: Row) => string, toItem: (row: Row) => Item = (row) => row as unknown as Item): Page<Item> {
  const kept = rows.slice(0, limit);
  return { items: kept.map(toItem), nextCursor: rows.length > limit ? cursorOf(kept[kept.length - 1]) : null };
}
