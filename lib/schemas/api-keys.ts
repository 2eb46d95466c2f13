import { z } from "zod";

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(["chatbot", "admin"]).default("chatbot"),
  rate_limit_per_minute: z.number().int().min(1).max(100_000).nullish(),
});
