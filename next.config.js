// @ts-check
/**
 * Next.js configuration. Importing the env module validates the configuration, so `next build` and `next start`
 * fail at once, naming the variable, when it is wrong.
 */
import './server/env.js';

/** @type {import('next').NextConfig} */
const config = {
  // Native addon and wasm package: loaded from node_modules at run time, never bundled. The AWS SDK (S3 results:
  // the web presigns download URLs) likewise, all of it, so one copy of its classes serves client, uploads and
  // presigner (Next.js keeps only @aws-sdk/client-s3 external by itself). swagger-ui-dist: /docs reads its files from
  // its folder in node_modules (server/openapi/docs-page.ts).
  serverExternalPackages: [
    'gdal-async',
    'h5wasm',
    '@aws-sdk/client-s3',
    '@aws-sdk/lib-storage',
    '@aws-sdk/s3-request-presigner',
    'swagger-ui-dist',
    // One prom-client for the route handlers and scripts/web.ts (cluster aggregation reads its global registry).
    'prom-client',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  async rewrites() {
    return [{ source: '/.well-known/oauth-authorization-server', destination: '/oauth/metadata' }];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default config;
