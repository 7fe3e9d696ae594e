// Next.js configuration for the Relais admin (app/).
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Server-only packages that must not be bundled (native bindings, WASM, dynamic requires).
  serverExternalPackages: ['@node-rs/argon2', '@prisma/adapter-pg', 'pg', 'drachtio-srf', '@electric-sql/pglite'],
  typescript: { ignoreBuildErrors: false },
};

export default withNextIntl(nextConfig);
