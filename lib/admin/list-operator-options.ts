import "server-only";
import { prisma } from "@/lib/db/client";

/** Operators for the panel's pickers (assignee, audit actor): active ones first. */
export async function listOperatorOptions() {
  return prisma.operator.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: { id: true, name: true, active: true } });
}
