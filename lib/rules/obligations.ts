// Which §3.1 obligations travel with an allowed message. The gate returns them so the message builder
// and the audit log can show that each one was met.
import type { Channel } from "./facts";
import type { Obligation } from "./reasons";

/** Obligations for an allowed marketing message on `channel` (catalogue §3.1). */
export function marketingObligations(channel: Channel): Obligation[] {
  switch (channel) {
    case "email":
      return ["O-UNSUB-LINK", "O-LIST-UNSUBSCRIBE", "O-SENDER-IDENTITY", "O-WHY-YOU-GET-THIS"];
    case "sms":
    case "app":
      // SMS: free "STOP" reply or short link; no mail headers to carry List-Unsubscribe.
      return ["O-UNSUB-LINK", "O-SENDER-IDENTITY", "O-WHY-YOU-GET-THIS"];
    case "phone":
      // R-TEL: objection offered in every call, caller ID on, caller says on whose behalf.
      return ["O-OTHER-CHANNELS", "O-SENDER-IDENTITY"];
    case "post":
      // R-POST: a route to object, and who sends it and why (transparency).
      return ["O-OTHER-CHANNELS", "O-SENDER-IDENTITY", "O-WHY-YOU-GET-THIS"];
  }
}
