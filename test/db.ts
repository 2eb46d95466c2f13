// The one way tests empty tables between tests: TRUNCATE … CASCADE (fast, and rows that reference them go too).
import { prisma } from "@/lib/db/client";

export async function clearTables(...tables: string[]): Promise<void> {
  if (tables.some((table) => !/^[a-z_]+$/.test(table))) throw new Error(`not a table name: ${tables.join(", ")}`);
  await prisma.$executeRawUnsafe(`TRUNCATE ${tables.join(", ")} CASCADE`);
}
