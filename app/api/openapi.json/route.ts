import { withApi } from '@/app/lib/api/handler';
import { buildOpenApi } from '@/app/lib/openapi/build-openapi';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of this API; public, like any API description. */
export const GET = withApi({ public: true }, async (req) => buildOpenApi(new URL(req.url).origin));
