import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * The files the Swagger UI page at /docs/ loads (its HTML, Nest's init script and swagger-ui-dist's bundle,
 * preset, stylesheet and icons). Everything else in swagger-ui-dist (package.json, README.md, source maps,
 * the ES bundles, the OAuth2 redirect page) is answered 404: none of it is needed, and it only tells a
 * visitor exact versions.
 */
const SWAGGER_UI_FILES = new Set([
  '',
  'index.html',
  'swagger-ui-init.js',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'swagger-ui.css',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/**
 * The strictest policy that still renders Swagger UI (checked in Chromium, test/e2e/security-headers-host.e2e-spec.ts):
 * scripts only from this origin, nothing inline. Nest's page template has two inline <style> elements and one
 * style attribute (on its icon sprite), and Swagger UI's logo is an SVG with a <style> of its own; those four
 * are allowed by hash, so no other inline style applies. The hashes follow @nestjs/swagger's template and
 * swagger-ui-dist: an upgrade that changes them fails that test, whose message names the missing hash.
 * `data:` images are the icons inside swagger-ui.css.
 */
export const SWAGGER_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-hashes' 'sha256-/jDKvbQ8cdux+c5epDIqkjHbXDaIY8RucT1PmAe8FG4=' 'sha256-eaPyLWVdqMc60xuz5bTp2yBRgVpQSoUggte1+40ONPU=' 'sha256-ezdv1bOGcoOD7FKudKN0Y2Mb763O6qVtM8LT2mtanIU=' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Restricts /docs/ to SWAGGER_UI_FILES and puts SWAGGER_UI_CSP on every /docs answer. */
export function registerSwaggerUiGuard(fastify: FastifyInstance): void {
  // Callback hooks, not async ones: they run on every request, and an async hook costs a promise each time (issue 14).
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.toLowerCase().startsWith('/docs/') && !SWAGGER_UI_FILES.has(path.slice('/docs/'.length))) {
      // Answered here: Fastify ends the request without calling `done`.
      void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'Not found' });
      return;
    }
    done();
  });
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) => {
    const path = (req.url.split('?')[0] ?? '').toLowerCase();
    if (path === '/docs' || path.startsWith('/docs/')) void reply.header('content-security-policy', SWAGGER_UI_CSP);
    done(null, payload);
  });
}
