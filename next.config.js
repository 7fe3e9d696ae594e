// Next.js configuration for the Relais admin (app/).
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Server-only packages that must not be bundled (native bindings, WASM, dynamic requires).
  serverExternalPackages: ['@node-rs/argon2', 'wavefile', 'alawmulaw', '@prisma/adapter-pg', 'pg', 'drachtio-srf', 'espeak-ng', 'mpg123-decoder'],
  // Type checking is `npm run lint` (tsc over the whole repo, runtime and edge included);
  // the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // A separate build folder per purpose (e.g. tests) so two builds never share one.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default withNextIntl(nextConfig);
