// Page search params (Next passes string | string[] | undefined) as the plain record the zod query schemas read.
export type PageSearchParams = Record<string, string | string[] | undefined>;

export function firstValues(params: PageSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

/** The same query with one value changed (pagination links keep the filters). */
export function withParam(params: Record<string, string>, key: string, value: string | number): string {
  const next = new URLSearchParams(params);
  next.set(key, String(value));
  return `?${next.toString()}`;
}
