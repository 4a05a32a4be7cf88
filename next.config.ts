import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  experimental: {
    // Route handlers stream population files; server actions stay small.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
