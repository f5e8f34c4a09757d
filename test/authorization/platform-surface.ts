import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, GATEWAY_OPTIONS, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { ApiClient } from '@glint/testing';

/**
 * Everything a running platform answers, as the matrix names it: HTTP routes as `METHOD /path`
 * with OpenAPI's `{param}`, WebSocket actions as `<event> <path>`.
 */

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** The routes of the API document at /api/docs-json. */
export async function documentedRoutes(baseUrl: string): Promise<string[]> {
  const document = (await new ApiClient(baseUrl).get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => HTTP_METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The routes the controllers map, documented or not: a route kept out of the document is still one. */
export function mappedRoutes(app: INestApplication): string[] {
  return new DiscoveryService(app.get(ModulesContainer)).getControllers().flatMap(({ metatype }) => {
    if (typeof metatype !== 'function') return [];
    const base = Reflect.getMetadata(PATH_METADATA, metatype) as string;
    return handlersOf(metatype, METHOD_METADATA).map((handler) => {
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      return `${method} ${openApiPath(base, Reflect.getMetadata(PATH_METADATA, handler) as string)}`;
    });
  });
}

/** The messages every WebSocket gateway takes, with the gateway's path. */
export function socketActions(app: INestApplication): string[] {
  return new DiscoveryService(app.get(ModulesContainer)).getProviders().flatMap(({ metatype }) => {
    if (typeof metatype !== 'function' || Reflect.getMetadata(GATEWAY_METADATA, metatype) !== true) return [];
    const { path } = Reflect.getMetadata(GATEWAY_OPTIONS, metatype) as { path: string };
    return handlersOf(metatype, MESSAGE_MAPPING_METADATA).map((handler) => `${Reflect.getMetadata(MESSAGE_METADATA, handler) as string} ${path}`);
  });
}

function handlersOf(type: { prototype: unknown }, marker: string): object[] {
  const prototype = type.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .map((name) => prototype[name])
    .filter((member): member is object => typeof member === 'function' && Reflect.hasMetadata(marker, member));
}

/** `api/channels/:username` and `follow` → `/api/channels/{username}/follow`. */
function openApiPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
  return `/${joined}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
