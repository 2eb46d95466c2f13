// npm run clients:types – writes clients/js/src/webhook-types.ts from the server's zod schemas (lib/schemas/webhooks.ts,
// lib/schemas/escalation.ts), so the client kit's webhook and transcript types cannot drift from the contract.
// lib/schemas/webhooks.test.ts fails when the file is stale.
import { writeFileSync } from "node:fs";
import { renderClientTypes } from "@/lib/schemas/render-client-types";

const target = "clients/js/src/webhook-types.ts";
writeFileSync(target, renderClientTypes());
console.log(`Wrote ${target}`);
