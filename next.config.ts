import type { NextConfig } from "next";
import { contentSecurityPolicy, HSTS_VALUE, isHttpsRequest, securityHeaders } from "./lib/security-headers";

/**
 * Paths proxy.ts leaves out (its matcher): they get the same security headers here. Static files,
 * and the API: with a proxy in front of it, Next buffers a request body in memory (and cuts it at
 * `proxyClientMaxBodySize`), which population imports and evidence uploads must stream instead.
 */
const STATIC_SOURCES = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/icon.svg", "/robots.txt", "/schemas/:path*", "/api/:path*"];
/** Read at build time (next.config headers are compiled into the build): HSTS on every static file when the public URL is https. */
const httpsBaseUrl = isHttpsRequest({ baseUrl: process.env.NEXTAUTH_URL });
const staticHeaders = Object.entries(securityHeaders({ csp: contentSecurityPolicy({ kind: "document" }), https: httpsBaseUrl })).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  experimental: {
    // Route handlers stream population files; server actions stay small.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return STATIC_SOURCES.flatMap((source) => [
      { source, headers: staticHeaders },
      // Behind an https reverse proxy (X-Forwarded-Proto: https), HSTS as on every other response.
      ...(httpsBaseUrl ? [] : [{ source, has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }], headers: [{ key: "strict-transport-security", value: HSTS_VALUE }] }]),
    ]);
  },
};

export default nextConfig;
