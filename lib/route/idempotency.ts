import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

const IN_PROGRESS = 0;
const WAIT_FOR_FIRST_MS = 10_000;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a POST safe to retry: the first request with a given Idempotency-Key (per caller) runs, and its response is
 * stored; a retry gets that response back. A concurrent duplicate waits for the first to finish instead of running
 * twice. The same key with a different body is refused (422).
 */
export async function withIdempotency(
  request: Request,
  scope: string,
  rawBody: string,
  run: () => Promise<{ status: number; body: object }>,
): Promise<Response> {
  const key = request.headers.get("idempotency-key")?.trim();
  if (!key) {
    const result = await run();
    return NextResponse.json(result.body, { status: result.status });
  }
  if (key.length > 200) throw new ApiError("VALIDATION_ERROR", "Idempotency-Key must be at most 200 characters");
  const requestHash = createHash("sha256").update(rawBody).digest("hex");

  await prisma.idempotencyRecord.deleteMany({ where: { scope, key, createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } });
  const claimed = await prisma.idempotencyRecord.createMany({
    data: [{ scope, key, requestHash, status: IN_PROGRESS, body: {} }],
    skipDuplicates: true,
  });

  if (claimed.count === 1) {
    try {
      const result = await run();
      await prisma.idempotencyRecord.update({
        where: { scope_key: { scope, key } },
        data: { status: result.status, body: result.body as Prisma.InputJsonValue },
      });
      return NextResponse.json(result.body, { status: result.status, headers: { "Idempotent-Replayed": "false" } });
    } catch (error) {
      // A failed first attempt leaves nothing behind: the retry runs for real.
      await prisma.idempotencyRecord.delete({ where: { scope_key: { scope, key } } }).catch(() => undefined);
      throw error;
    }
  }

  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const stored = await prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!stored) throw new ApiError("CONFLICT", "The first request with this Idempotency-Key failed; retry it");
    if (stored.requestHash !== requestHash) {
      throw new ApiError("IDEMPOTENCY_MISMATCH", "This Idempotency-Key was used with a different request body");
    }
    if (stored.status !== IN_PROGRESS) {
      return NextResponse.json(stored.body, { status: stored.status, headers: { "Idempotent-Replayed": "true" } });
    }
    if (Date.now() > deadline) throw new ApiError("CONFLICT", "A request with this Idempotency-Key is still in progress");
    await sleep(100);
  }
}
