import { redactFields, scrubText } from "@/lib/log/redact";

/** Structured-first signature, so a pino logger (or a child of one) can be passed straight in. */
export type LogFn = (fields: Record<string, unknown>, message: string) => void;

export interface LocalServerLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const noop: LogFn = () => {};

export const silentLogger: LocalServerLogger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * Wraps the logger the server was given so no line carries a customer's key: channel names are `private-session-<id>`
 * and the id is what lets a customer follow their chat. Signatures, channel_data and payloads are dropped likewise.
 */
export function redactingLogger(inner: LocalServerLogger): LocalServerLogger {
  const wrap =
    (log: LogFn): LogFn =>
    (fields, message) =>
      log(redactFields(fields), scrubText(message));
  return { debug: wrap(inner.debug.bind(inner)), info: wrap(inner.info.bind(inner)), warn: wrap(inner.warn.bind(inner)), error: wrap(inner.error.bind(inner)) };
}

export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { err: { message: error.message, name: error.name } } : { err: String(error) };
}
