import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const API_DOCS_PATH = 'api/docs';

/** The OpenAPI document at /api/docs-json and its browsable UI at /api/docs. */
export function serveApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Glint')
    .setDescription('The Glint live-streaming platform. Errors are problem-details bodies (RFC 9457) with a stable `error` code.')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup(API_DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
}
