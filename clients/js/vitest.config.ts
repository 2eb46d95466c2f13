import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Runs the client kit's pure tests (and the embed size check) without the app's
// globalSetup, which boots PostgreSQL: none of these need a database.
//   npx vitest run --config clients/js/vitest.config.ts
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../../", import.meta.url)),
    environment: "node",
    include: ["clients/js/**/*.test.ts", "lib/embed/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 15_000,
  },
});
