import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSwaggerUiGuard } from './swagger-ui-guard.js';

/** OpenAPI document of the JSON API: UI at GET /docs, JSON at GET /docs-json. The admin routes use Bearer ADMIN_TOKEN. */
export function setupOpenApi(app: INestApplication, version: string): void {
  const config = new DocumentBuilder()
    .setTitle('qb-bitrix24-connector')
    .setDescription('Operator API of the QuickBooks Desktop ⇄ Bitrix24 connector. /admin routes need Authorization: Bearer <ADMIN_TOKEN>.')
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, 'admin')
    .build();
  // A factory, so the document is built on the first /docs request rather than at every boot.
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    raw: ['json'],
  });
  registerSwaggerUiGuard((app as NestFastifyApplication).getHttpAdapter().getInstance());
}
