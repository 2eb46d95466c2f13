// Structured JSON logs (pino). Never log secrets, tokens or message bodies: redaction is a safety net, not a licence.
// Every line's fields go through redactFields (lib/log/redact.ts): secret and content fields at any depth, channel
// names with session ids, URLs and paths with keys or query values; error objects and messages are cleaned too.
import pino from "pino";
import { env } from "@/lib/env";
import { redactFields, scrubText } from "@/lib/log/redact";

/** pino's error serializer, then the same redaction as every other field (an SDK error may carry a signed URL). */
function redactError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? scrubText(error) : error;
  return redactFields({ ...pino.stdSerializers.err(error) });
}

/** The logger's configuration, exported so tests can run it against a captured stream. */
export const loggerOptions: pino.LoggerOptions = {
  level: env().LOG_LEVEL,
  base: { service: "sportello" },
  redact: {
    paths: [
      "authorization",
      "*.authorization",
      "cookie",
      "*.cookie",
      "password",
      "*.password",
      "token",
      "*.token",
      "body",
      "*.body",
      "secret",
      "*.secret",
    ],
    censor: "[redacted]",
  },
  formatters: { log: (fields) => redactFields(fields) },
  serializers: { err: redactError },
  hooks: {
    // The message string itself: a channel name or URL interpolated into it is cleaned like a field.
    logMethod(args, method) {
      method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>);
    },
  },
};

export const logger = pino(loggerOptions);
