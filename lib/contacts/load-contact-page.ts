import "server-only";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import type { PageOperator } from "@/lib/auth/require-operator-page";
import { getContact } from "@/lib/contacts/get-contact";
import { pagePrincipal } from "@/lib/contacts/page-viewer";
import { viewerOf } from "@/lib/search/visibility";

/** The contact for a page, or the 404 page when it does not exist or the operator may not see it. */
export async function loadContactPage(id: string, operator: PageOperator) {
  try {
    return await getContact(decodeURIComponent(id), await viewerOf(pagePrincipal(operator)));
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
