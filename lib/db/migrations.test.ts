import { describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, diffMigrationsToSchema, isEmptyMigration, migrationsUpToDate } from "@/lib/db/migrations";

describe("migrations (wasm schema engine, offline)", () => {
  it("schema.prisma and the migration folders describe the same database", async () => {
    const sql = await diffMigrationsToSchema(process.env.DATABASE_URL!);
    expect(isEmptyMigration(sql) ? "" : sql).toBe("");
  }, 60_000);

  it("records applied migrations in _prisma_migrations and re-applying is a no-op", async () => {
    expect(await applyMigrations(process.env.DATABASE_URL!)).toEqual([]);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const rows = await client.query("SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name");
    await client.end();
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(rows.rows[0].migration_name).toMatch(/^\d{14}_init$/);
  }, 60_000);

  it("a migrated database is up to date; a changed migration sends it back to the engine", async () => {
    const url = process.env.DATABASE_URL!;
    expect(await migrationsUpToDate(url)).toBe(true);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT migration_name FROM _prisma_migrations WHERE migration_name LIKE '%_init'");
      const name = rows[0].migration_name as string;
      const original = await client.query("SELECT checksum FROM _prisma_migrations WHERE migration_name = $1", [name]);
      await client.query("UPDATE _prisma_migrations SET checksum = 'changed' WHERE migration_name = $1", [name]);
      try {
        expect(await migrationsUpToDate(url)).toBe(false);
      } finally {
        await client.query("UPDATE _prisma_migrations SET checksum = $2 WHERE migration_name = $1", [name, original.rows[0].checksum]);
      }
      expect(await migrationsUpToDate(url)).toBe(true);
    } finally {
      await client.end();
    }
  }, 60_000);

  it("numbers tickets from 1001", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query("SELECT nextval('tickets_number_seq') AS n");
    await client.end();
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(1001);
  });
});
