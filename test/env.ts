// The one way tests change the environment: set variables (undefined unsets one), drop lib/env's cache, and put
// everything back afterwards. `setEnv` at the top of a file (before dynamic imports that read the env at load),
// `envForAllTests` for a whole file's tests, `withEnv` for one step.
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";

export type EnvVars = Record<string, string | undefined>;

/** Sets (or, for undefined, unsets) the variables and returns the function that restores what was there. */
export function setEnv(vars: EnvVars): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: EnvVars) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
  };
  apply(vars);
  return () => apply(previous);
}

/** The variables for every test of the file (set before all, restored after all). */
export function envForAllTests(vars: EnvVars): void {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    restore = setEnv(vars);
  });
  afterAll(() => restore?.());
}

/** The variables for one step only, restored even when it throws. */
export async function withEnv<T>(vars: EnvVars, step: () => T | Promise<T>): Promise<T> {
  const restore = setEnv(vars);
  try {
    return await step();
  } finally {
    restore();
  }
}
