// npm run db:migrate: applies pending migrations to DATABASE_URL (offline, through Prisma's wasm schema engine).
import { applyMigrations } from "@/lib/db/migrations";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (npm start applies migrations to the embedded database by itself.)");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
