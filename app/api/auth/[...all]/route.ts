// better-auth's endpoints (sign-in, sign-out, session) under /api/auth/*.
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/app/lib/auth/auth';

export const dynamic = 'force-dynamic';

const handler = (request: Request) => getAuth().handler(request);
export const { GET, POST } = toNextJsHandler(handler);
