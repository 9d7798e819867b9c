// The controller (one Organisation row, id 1): its identity goes on every signup form and message footer.
// Read-only callers get the defaults when nobody has saved settings yet; nothing is written on read.
import type { Db, Tx } from "../db/index.ts";

export type Organisation = {
  name: string;
  address: string;
  contactEmail: string;
  privacyUrl: string;
  dpoContact: string | null;
  requireDoubleOptIn: boolean;
  customerWindowMonths: number | null;
  isCharity: boolean;
  /** The hosting provider's name, and the company behind the mail server (SMTP_URL only gives its host); "" = not filled in. */
  hostingProvider: string;
  emailProvider: string;
};

export const EMPTY_ORGANISATION: Organisation = Object.freeze({
  name: "",
  address: "",
  contactEmail: "",
  privacyUrl: "",
  dpoContact: null,
  requireDoubleOptIn: true,
  customerWindowMonths: 24,
  isCharity: false,
  hostingProvider: "",
  emailProvider: "",
});

export async function getOrganisation(client: Db | Tx): Promise<Organisation> {
  const row = await client.organisation.findUnique({ where: { id: 1 }, omit: { logo: true } });
  if (!row) return { ...EMPTY_ORGANISATION };
  return {
    name: row.name,
    address: row.address,
    contactEmail: row.contactEmail,
    privacyUrl: row.privacyUrl,
    dpoContact: row.dpoContact,
    requireDoubleOptIn: row.requireDoubleOptIn,
    customerWindowMonths: row.customerWindowMonths,
    isCharity: row.isCharity,
    hostingProvider: row.hostingProvider,
    emailProvider: row.emailProvider,
  };
}
