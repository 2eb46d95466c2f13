// Structured JSON logs (pino). Never log secrets, tokens or message bodies: redaction is a safety net, not a licence.
import pino from "pino";
import { env } from "@/lib/env";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "sportello" },
  redact: {
    paths: ["authorization", "*.authorization", "password", "*.password", "token", "*.token", "body", "*.body", "secret", "*.secret"],
    censor: "[redacted]",
  },
});
