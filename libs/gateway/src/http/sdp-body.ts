import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { UnsupportedMediaTypeError } from '@glint/domain-errors';
import { MAX_SDP_BYTES } from '../media/sdp';

export const SDP = 'application/sdp';
export const TRICKLE_ICE_SDPFRAG = 'application/trickle-ice-sdpfrag';

/**
 * A little over the SDP cap, so an offer just over it reaches parseSdp and is refused with its size;
 * anything bigger is refused (413) by Fastify before it is read whole.
 */
const SDP_BODY_LIMIT_BYTES = MAX_SDP_BYTES + 4 * 1024;

/** Reads SDP offers and trickle fragments as text, for the WHIP and WHEP routes. */
@Injectable()
export class SdpBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser([SDP, TRICKLE_ICE_SDPFRAG], { parseAs: 'string', bodyLimit: SDP_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  }
}

/** The body, if it came as `expected`; a 415 naming `expected` otherwise. */
export function bodyOfType(contentType: string | undefined, body: unknown, expected: string): string {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type !== expected || typeof body !== 'string') {
    throw new UnsupportedMediaTypeError('unsupported_media_type', `Send the ${expected === SDP ? 'SDP offer' : 'trickle ICE fragment'} as Content-Type: ${expected}${type ? `, not ${type}` : ''}.`);
  }
  return body;
}
