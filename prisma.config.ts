// Prisma CLI configuration. The runtime client gets its URL from lib/env.ts through the pg driver adapter;
// here the URL is only needed by CLI commands that talk to a database (migrate deploy on Render).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server scripts/db-seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/sportello" },
});
