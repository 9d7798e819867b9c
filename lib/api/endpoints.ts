// Every /api/v1 endpoint in one list: its method, path, scope and schemas. The route files hand an entry
// to apiRoute (lib/api/api-route.ts), which validates with exactly these schemas; lib/api/openapi.ts
// writes the OpenAPI document from the same entries, so the two cannot drift apart.
import type { z } from "zod";
import { purchaseInputSchema } from "../customers/record-purchase.ts";
import type { ApiScope } from "./scopes.ts";
import * as s from "./schemas.ts";

export type Endpoint = {
  method: "get" | "post";
  /** The OpenAPI path under /api/v1 ("/subscribers/{id}"); the route file is app/api/v1/subscribers/[id]/route.ts. */
  path: string;
  /** null: no token needed (the document itself). */
  scope: ApiScope | null;
  summary: string;
  description?: string;
  params?: z.ZodType;
  body?: z.ZodType;
  response: { status: number; description: string; schema: z.ZodType };
};

export const ENDPOINTS = {
  createSubscriber: {
    method: "post", path: "/subscribers", scope: "write-subscribers", summary: "Add a subscriber (double opt-in)",
    description: "Records the signup as the form version named in `source` offered it, with the API as channel in the consent ledger, and sends the double opt-in mail. The subscriptions stay pending until the person confirms. The answer is the same whatever the address's earlier state.",
    body: s.createSubscriberBody,
    response: { status: 201, description: "Recorded; the confirmation mail went out where the rules allow.", schema: s.createdSubscriber },
  },
  getSubscriber: {
    method: "get", path: "/subscribers/{id}", scope: "read", summary: "Get a subscriber", params: s.subscriberParams,
    response: { status: 200, description: "The subscriber and every subscription.", schema: s.subscriberView },
  },
  listSubscriptions: {
    method: "get", path: "/subscribers/{id}/subscriptions", scope: "read", summary: "List a subscriber's subscriptions", params: s.subscriberParams,
    response: { status: 200, description: "Every subscription, oldest first.", schema: s.subscriptionList },
  },
  withdraw: {
    method: "post", path: "/subscribers/{id}/withdrawals", scope: "write-subscribers", summary: "Record a withdrawal or an objection",
    description: "Ends the subscription(s) at once, records it in the ledger and suppresses the address for that scope. Idempotent.",
    params: s.subscriberParams, body: s.withdrawalBody,
    response: { status: 200, description: "What ended.", schema: s.withdrawalResult },
  },
  addSuppression: {
    method: "post", path: "/suppressions", scope: "write-subscribers", summary: "Suppress an address for all newsletters",
    description: "Stored only as a keyed hash of the normalised address; every later send, import and signup skips it.",
    body: s.suppressionBody,
    response: { status: 201, description: "Suppressed.", schema: s.suppressionResult },
  },
  getSend: {
    method: "get", path: "/sends/{id}", scope: "read", summary: "Get a send's status", params: s.sendParams,
    response: { status: 200, description: "Counts per outcome and per reason; never addresses.", schema: s.sendStatus },
  },
  getProof: {
    method: "get", path: "/subscribers/{id}/proof", scope: "export", summary: "Download a subscriber's consent proof", params: s.subscriberParams,
    response: { status: 200, description: "The consent proof, with the signed ledger head it is checked against.", schema: s.exportDocument },
  },
  getDossier: {
    method: "get", path: "/subscribers/{id}/dossier", scope: "export", summary: "Download a subscriber's complaint dossier", params: s.subscriberParams,
    response: { status: 200, description: "The sealed complaint dossier (JSON).", schema: s.exportDocument },
  },
  recordPurchase: {
    method: "post", path: "/purchases", scope: "write-subscribers", summary: "Record a shop purchase (existing-customer basis)",
    description: "Enrols the buyer only in the newsletters mapped to the category, where the rules allow (see README: existing customers).",
    body: purchaseInputSchema,
    response: { status: 201, description: "The purchase and each newsletter's outcome.", schema: s.exportDocument },
  },
  openapi: {
    method: "get", path: "/openapi.json", scope: null, summary: "This OpenAPI 3.1 document",
    response: { status: 200, description: "The document.", schema: s.exportDocument },
  },
} as const satisfies Record<string, Endpoint>;
