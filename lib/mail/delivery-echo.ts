// The signed delivery id (delivery-id.ts) once more, in the header each configured provider copies into its
// bounce and complaint webhooks (lib/inbound/webhooks): Postmark returns X-PM-Metadata-* as Metadata,
// Mailgun X-Mailgun-Variables as user-variables, SendGrid X-SMTPAPI unique_args as fields of each event,
// Brevo X-Mailin-custom as itself. Only for the providers whose webhook is configured (a provider strips
// its own header when it relays). Each is "prepared" for nodemailer: written as it stands, never turned
// into MIME encoded-words (it would encode the JSON's quotes, which the providers do not decode) nor folded,
// so mail-merge.ts places the same lines verbatim.
import { config } from "../config/index.ts";

export const ECHO_HEADERS = ["X-Pm-Metadata-Proofmail-Delivery", "X-Mailgun-Variables", "X-SMTPAPI", "X-Mailin-Custom"] as const;

export type PreparedHeader = { prepared: true; value: string };

/** The echo headers' values for `token`, in the order of ECHO_HEADERS, for the configured providers only. */
export function deliveryEchoValues(token: string): Record<string, string> {
  const w = config().webhooks;
  const h: Record<string, string> = {};
  if (w.postmarkAuth) h["X-Pm-Metadata-Proofmail-Delivery"] = token;
  if (w.mailgunSigningKey) h["X-Mailgun-Variables"] = `{"proofmail_delivery":"${token}"}`;
  if (w.sendgridPublicKey) h["X-SMTPAPI"] = `{"unique_args":{"proofmail_delivery":"${token}"}}`;
  if (w.brevoToken) h["X-Mailin-Custom"] = `proofmail-delivery:${token}`;
  return h;
}

/** The same as nodemailer headers. */
export function deliveryEchoHeaders(token: string): Record<string, PreparedHeader> {
  return Object.fromEntries(Object.entries(deliveryEchoValues(token)).map(([k, value]) => [k, { prepared: true, value }]));
}
