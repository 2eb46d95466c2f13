// npm run admin:link [-- <email>]: prints a fresh one-time set-password link for an admin, creating the admin
// account if there is none (or the email is new). With no email: the first admin, else ADMIN_EMAIL, else
// admin@sportello.local. Works beside a running `npm start` (same embedded database) or with DATABASE_URL.
import { parseArgs } from "node:util";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "@/lib/env";
import { adminLinkBanner } from "@/scripts/lib/admin-link-banner";
import { localDatabase } from "@/scripts/lib/local-database";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
if (values.help || positionals.length > 1) {
  console.log("usage: npm run admin:link [-- <admin email>]");
  process.exit(values.help ? 0 : 2);
}
const config = parseEnv(process.env);
const local = config.DATABASE_URL ? undefined : await localDatabase(config.DATA_DIR, config.EMBEDDED_PG_PORT);
if (local) {
  process.env.DATABASE_URL = local.url;
  const secrets = path.join(path.resolve(config.DATA_DIR), "local-secrets.json");
  if (existsSync(secrets)) process.env.AUTH_SECRET ??= (JSON.parse(readFileSync(secrets, "utf8")) as { authSecret: string }).authSecret;
}

const { prisma, disconnectPrisma } = await import("@/lib/db/client");
const { ensureAdmin, LOCAL_ADMIN_EMAIL } = await import("@/lib/operators/bootstrap-admin");
const { issueSetPasswordLink } = await import("@/lib/auth/issue-set-password-link");

let exitCode = 0;
try {
  const firstAdmin = await prisma.operator.findFirst({ where: { role: "admin", active: true }, orderBy: { createdAt: "asc" }, select: { email: true } });
  const email = (positionals[0] ?? firstAdmin?.email ?? config.ADMIN_EMAIL ?? LOCAL_ADMIN_EMAIL).trim().toLowerCase();
  const existing = await prisma.operator.findUnique({ where: { email }, select: { role: true } });
  if (existing && existing.role !== "admin") {
    console.error(`${email} is an operator, not an admin: an admin can promote them in the panel (Operatori).`);
    exitCode = 2;
  } else {
    const admin = await ensureAdmin(email);
    console.log(adminLinkBanner({ email: admin.email, url: await issueSetPasswordLink(admin.id), created: admin.created }));
  }
} catch (error) {
  console.error("admin:link failed:", error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await disconnectPrisma();
  await local?.stop();
}
process.exit(exitCode);
