// Live preview for the composer: renders unsaved text with the real template (HTML and plain text).
import { z } from "zod";
import { protectedRoute } from "@/lib/auth/guard";
import { previewIssue } from "@/lib/sending/preview-issue";

export const dynamic = "force-dynamic";

const body = z.object({ issueId: z.string().min(1).max(64), subject: z.string(), preheader: z.string(), bodyMarkdown: z.string() });

export const POST = protectedRoute("issues.write", async (req) => {
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return Response.json({ error: "Expected JSON." }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return Response.json({ error: "Expected issueId, subject, preheader and bodyMarkdown." }, { status: 400 });
  const { issueId, ...content } = parsed.data;
  const r = await previewIssue({ issueId, content });
  if (!r.ok) return Response.json({ error: r.error }, { status: r.error.includes("exist") ? 404 : 400 });
  return Response.json(r);
});
