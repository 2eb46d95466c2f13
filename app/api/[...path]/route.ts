// Any /api/* (and /webhooks/*) path no route answers: 404 in the API's error shape, with a request id, for every
// method — not the HTML 404 page, and not a Server Action error for a multipart POST.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/route/handler";
import { unknownApiPath } from "@/lib/openapi/meta/meta-endpoints";

const notFound = route(unknownApiPath, async () => {
  throw new ApiError("NOT_FOUND", "No API route here: see /api/openapi.json");
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
