// POST /api/v1/suppressions: one address onto the suppression list (keyed hash only, scope all), through
// the admin's own path (lib/subscribers/add-suppressions.ts), audited with the token as actor.
import type { z } from "zod";
import { HttpError } from "../http/http-error.ts";
import { addSuppressions } from "../subscribers/add-suppressions.ts";
import type { ApiTokenAuth } from "../customers/api-tokens.ts";
import type { suppressionBody } from "./schemas.ts";

export async function addSuppression(o: { body: z.output<typeof suppressionBody>; token: ApiTokenAuth }) {
  // One line only: a newline would make addSuppressions read two addresses.
  if (/[\r\n]/.test(o.body.email)) throw new HttpError("invalid_input", "email: one address only.", { field: "email", errors: [{ field: "email", detail: "one address only" }] });
  const r = await addSuppressions({ text: o.body.email, reason: o.body.reason, actor: `api:${o.token.id}` });
  if (!r.ok) {
    const detail = r.lines?.[0]?.error ?? r.error;
    throw new HttpError("invalid_input", `email: ${detail}`, { field: "email", errors: [{ field: "email", detail }] });
  }
  return { added: 1 as const };
}
