// Live preview for the composer: renders unsaved text with the real template (HTML and plain text).
import { z } from "zod";
import { route, HttpError } from "@/lib/http/boundary";
import { previewIssue } from "@/lib/sending/preview-issue";

export const dynamic = "force-dynamic";

const body = z.object({ issueId: z.string().min(1).max(64), subject: z.string(), preheader: z.string(), bodyMarkdown: z.string() });

export const POST = route({ access: "issues.write", json: body, maxBody: 2 * 1024 * 1024 }, async ({ json }) => {
  const { issueId, ...content } = json;
  const r = await previewIssue({ issueId, content });
  if (!r.ok) throw new HttpError(r.error.includes("exist") ? "not_found" : "invalid_input", r.error);
  return Response.json(r);
});
