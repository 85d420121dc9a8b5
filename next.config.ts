import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from its own package folder; pino and prom-client must not be bundled either.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "prom-client"],
  poweredByHeader: false,
  headers: () =>
    Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ]),
};

export default nextConfig;
