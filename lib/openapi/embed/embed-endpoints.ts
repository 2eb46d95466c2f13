// The embed API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { createdEmbedSite, createEmbedSiteBody, embedSiteParams, embedSiteView, identityVerificationView, updateEmbedSiteBody, verifyIdentityTokenBody } from "@/lib/embed/embed-site-schemas";

export const getAdminEmbedSites = defineEndpoint({
  method: "get",
  path: "/api/admin/embed-sites",
  tag: "Embed",
  summary: "Sites that sign visitor identities (never their secrets)",
  auth: "admin",
  success: { status: 200, description: "The sites, active first", payload: { kind: "data", list: true, name: "EmbedSite", schema: embedSiteView } },
});

export const postAdminEmbedSites = defineEndpoint({
  method: "post",
  path: "/api/admin/embed-sites",
  tag: "Embed",
  summary: "Register a site and get its signing secret (shown once)",
  description: "The site signs `{ email, name?, exp }` with HS256 and the secret's UTF-8 bytes (docs/embed.md). Its origin must also be in ALLOWED_ORIGINS. Registering the origin of a revoked site issues it a new secret.",
  auth: "admin",
  body: { name: "CreateEmbedSiteBody", schema: createEmbedSiteBody, examples: { shop: { summary: "The shop", value: { name: "Negozio online", origin: "https://shop.example.com" } } } },
  success: { status: 201, description: "The site, with its secret", payload: { kind: "data", name: "CreatedEmbedSite", schema: createdEmbedSite } },
  errors: ["CONFLICT"],
});

export const deleteAdminEmbedSitesId = defineEndpoint({
  method: "delete",
  path: "/api/admin/embed-sites/{id}",
  tag: "Embed",
  summary: "Revoke a site: its tokens stop verifying at once",
  auth: "admin",
  params: embedSiteParams,
  success: { status: 200, description: "The revoked site", payload: { kind: "data", name: "EmbedSite", schema: embedSiteView } },
});

export const patchAdminEmbedSitesId = defineEndpoint({
  method: "patch",
  path: "/api/admin/embed-sites/{id}",
  tag: "Embed",
  summary: "Choose the team that serves chats opened from a site",
  auth: "admin",
  params: embedSiteParams,
  body: { name: "UpdateEmbedSiteBody", schema: updateEmbedSiteBody, examples: { billing: { summary: "Billing serves the shop", value: { team: "billing" } } } },
  success: { status: 200, description: "The site", payload: { kind: "data", name: "EmbedSite", schema: embedSiteView } },
});

export const postAdminEmbedSitesVerify = defineEndpoint({
  method: "post",
  path: "/api/admin/embed-sites/verify",
  tag: "Embed",
  summary: "Check an identity token and say why it would be refused",
  description: "The same check as request-operator's `identity_token`, for integrators debugging their signing code. Without `origin` the token is checked as the customer chat page presents it (against every allowed, active site).",
  auth: "admin",
  body: { name: "VerifyIdentityTokenBody", schema: verifyIdentityTokenBody, examples: { check: { summary: "A token from the shop", value: { token: "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5pdCIsImV4cCI6MTkwMDAwMDAwMH0.c2ln", origin: "https://shop.example.com" } } } },
  success: { status: 200, description: "The verdict", payload: { kind: "data", name: "IdentityVerification", schema: identityVerificationView } },
});

/** In the order of the OpenAPI document. */
export const embedEndpoints = [
  getAdminEmbedSites,
  postAdminEmbedSites,
  deleteAdminEmbedSitesId,
  patchAdminEmbedSitesId,
  postAdminEmbedSitesVerify,
];
