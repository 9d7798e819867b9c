// The fields staff give when recording a withdrawal or objection (what, the channel, a note), checked
// the same way wherever it is recorded: for a subscriber by id, or by address on the Objections page.
import { normaliseLineEnds } from "../util/text-fields.ts";
import { OBJECTION_CHANNELS, type ObjectionChannel } from "./withdraw.ts";

export const NOTE_MAX = 500;
const OBJECTION_KINDS = ["withdrawal", "objection"] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];

// Line breaks are fine in a note (CRLF from the browser becomes LF); other control characters are not.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

export type ObjectionFieldsResult =
  | { ok: true; kind: ObjectionKind; channel: ObjectionChannel; note: string }
  | { ok: false; status: 400; field: "kind" | "channel" | "note"; error: string };

export function checkObjectionFields(input: { kind: unknown; channel: unknown; note: unknown }): ObjectionFieldsResult {
  if (!OBJECTION_KINDS.some((k) => k === input.kind)) return { ok: false, status: 400, field: "kind", error: "Choose withdrawal or objection." };
  if (typeof input.channel !== "string" || !OBJECTION_CHANNELS.includes(input.channel as ObjectionChannel)) {
    return { ok: false, status: 400, field: "channel", error: "Choose how the person told you (reply mail, phone, letter or in person)." };
  }
  const note = typeof input.note === "string" ? normaliseLineEnds(input.note).trim() : "";
  if (note.length > NOTE_MAX) return { ok: false, status: 400, field: "note", error: `The note is too long (${NOTE_MAX} characters at most).` };
  if (CONTROL.test(note)) return { ok: false, status: 400, field: "note", error: "The note contains characters that are not allowed." };
  return { ok: true, kind: input.kind as ObjectionKind, channel: input.channel as ObjectionChannel, note };
}
