// GET /health (rewritten here) – liveness and dependencies: 200 when all required checks pass, 503 naming the failed ones
import { NextResponse } from "next/server";
import { route } from "@/lib/route/handler";
import { getHealth } from "@/lib/openapi/monitoring/monitoring-endpoints";
import { checkHealth } from "@/lib/health/check-health";

export const GET = route(getHealth, async () => {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.failed.length ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});
