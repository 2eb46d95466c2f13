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

export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { err: { message: error.message, name: error.name } } : { err: String(error) };
}
