// The browser side of better-auth: sign-in, sign-out and set-password calls to /api/auth. Holds no secret.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
