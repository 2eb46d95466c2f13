// /api/auth/* – better-auth: sign-in, sign-out, session, password reset (invites and first-admin setup links)
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const { GET, POST } = toNextJsHandler(auth);
