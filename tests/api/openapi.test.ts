// The OpenAPI document: every path of the API is described, and every $ref resolves.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from '../support/http';

const apiDir = path.resolve(import.meta.dirname, '../../app/api');

/** Routes that are not part of the described API: better-auth's own endpoints, and the document itself. */
const UNDESCRIBED = new Set(['/api/auth/{...all}', '/api/openapi.json']);

/** Every route file under app/api: its OpenAPI path and the HTTP methods it implements with withApi. */
function routeFiles(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const file of readdirSync(apiDir, { recursive: true, encoding: 'utf8' })) {
    if (path.basename(file) !== 'route.ts') continue;
    const route = '/api/' + path.dirname(file).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
    const source = readFileSync(path.join(apiDir, file), 'utf8');
    // `export const PUT = immutable` (a shared 405 handler) is not an operation; withApi ones are.
    const methods = [...source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE) = withApi/gm)].map((m) => m[1].toLowerCase());
    out.push({ path: route, methods });
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

describe('/api/openapi.json', () => {
  it('describes every path with its bodies, errors and security schemes', async () => {
    const res = await api(null).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const path of [
      '/api/flows',
      '/api/flows/{id}',
      '/api/flows/{id}/draft',
      '/api/numbers',
      '/api/numbers/{id}',
      '/api/calendars/{id}',
      '/api/groups/{id}',
      '/api/agents/{id}',
      '/api/sounds',
      '/api/sounds/{id}/audio',
      '/api/forbidden-lists/{id}',
      '/api/tokens',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/flows/{id}/draft'].put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/DraftSave');
    expect(doc.paths['/api/flows/{id}/draft'].put.responses['409'].content['application/json'].schema.$ref).toBe('#/components/schemas/ApiErrorResponse');
    expect(doc.paths['/api/sounds'].post.requestBody.content).toHaveProperty(['multipart/form-data']);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
    // The flow document schema and every step schema are included.
    expect(doc.components.schemas).toHaveProperty(['Flow']);
    expect(doc.components.schemas).toHaveProperty(['Step.menu']);
  });

  it('has no $ref that fails to resolve', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    const refs = [...new Set(collectRefs(doc))];
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
    expect(refs.filter((r) => resolvePointer(doc, r) === undefined)).toEqual([]);
  });

  it('describes every route file under app/api and each of its methods', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    const routes = routeFiles().filter((r) => !UNDESCRIBED.has(r.path));
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.flatMap((r) => r.methods.filter((m) => !doc.paths[r.path]?.[m]).map((m) => `${m.toUpperCase()} ${r.path}`));
    expect(missing).toEqual([]);
    expect(doc.paths['/api/tts'].get.responses['200'].content).toHaveProperty(['audio/wav']);
  });
});
