import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, envSchema, parseEnv } from "@/lib/env";

// Set by our own launcher for its child process, never by whoever deploys: not listed for them.
const INTERNAL = ["SPORTELLO_PEER_SECRET"];
const variables = Object.keys(envSchema.shape).filter((name) => !INTERNAL.includes(name));

describe("environment", () => {
  it("uses working defaults with nothing set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3001);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.RUN_WORKER).toBe(true);
  });

  it("fails naming the bad variable", () => {
    expect(() => parseEnv({ PORT: "not-a-port" })).toThrow(EnvError);
    expect(() => parseEnv({ ADMIN_API_KEY: "short" })).toThrow(/ADMIN_API_KEY/);
    expect(() => parseEnv({ TWILIO_WHATSAPP_NUMBER: "+14155238886" })).toThrow(/TWILIO_WHATSAPP_NUMBER/);
    expect(() => parseEnv({ ADMIN_PHONE: "3331234567" })).toThrow(/ADMIN_PHONE/);
  });

  it("asks for a bucket with S3 storage, and for both S3 keys or neither", () => {
    expect(parseEnv({}).ATTACHMENT_STORAGE).toBe("db");
    expect(() => parseEnv({ ATTACHMENT_STORAGE: "s3" })).toThrow(/S3_BUCKET: is required when ATTACHMENT_STORAGE=s3/);
    expect(() => parseEnv({ ATTACHMENT_STORAGE: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "AKIA" })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => parseEnv({ ATTACHMENT_STORAGE: "cloud" })).toThrow(/ATTACHMENT_STORAGE/);
    expect(parseEnv({ ATTACHMENT_STORAGE: "s3", S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "true" })).toMatchObject({ S3_BUCKET: "b", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: true });
  });

  it("treats empty strings as unset (Render's blank sync:false values)", () => {
    expect(parseEnv({ RESEND_API_KEY: "", DATABASE_URL: "" }).RESEND_API_KEY).toBeUndefined();
  });

  it.each(variables)(".env.example and render.yaml list %s", (name) => {
    const example = readFileSync(".env.example", "utf8");
    const render = readFileSync("render.yaml", "utf8");
    expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    expect(render).toMatch(new RegExp(`key: ${name}\\b`));
  });

  it("lists nothing in .env.example that the app does not read", () => {
    const example = readFileSync(".env.example", "utf8");
    const listed = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(listed.filter((name) => !variables.includes(name))).toEqual([]);
  });
});
