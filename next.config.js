// Next.js configuration for the Relais admin (app/).
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts');

// Browser protections for every answer (pages, API, static files). The pages' CSP, with its
// per-request nonce, comes from proxy.ts (app/lib/security/content-security-policy.ts).
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // The admin records sounds in the browser (sounds page): microphone for this origin only.
  { key: 'Permissions-Policy', value: 'microphone=(self), camera=(), geolocation=(), payment=(), usb=(), display-capture=()' },
];
// API answers (JSON, audio) are not pages: nothing runs or is framed there; media-src 'self'
// keeps an audio URL opened on its own in a tab playable.
const apiContentSecurityPolicy = "default-src 'none'; media-src 'self'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Do not advertise the framework (`X-Powered-By: Next.js`).
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }] },
    ];
  },
  // Server-only packages that must not be bundled (native bindings, WASM, dynamic requires).
  serverExternalPackages: ['@node-rs/argon2', 'wavefile', 'alawmulaw', '@prisma/adapter-pg', 'pg', 'drachtio-srf', 'espeak-ng', 'mpg123-decoder'],
  // Type checking is `npm run lint` (tsc over the whole repo, runtime and edge included);
  // the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // A separate build folder per purpose (e.g. tests) so two builds never share one.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default withNextIntl(nextConfig);
