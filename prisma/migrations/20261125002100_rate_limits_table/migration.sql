-- The RateLimit model (rate-limiter-flexible's counters, lib/api/rate-limit.ts) had no migration.
-- IF NOT EXISTS: harmless where another branch created the same table.
CREATE TABLE IF NOT EXISTS "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
