// The branded template's header, shared by issue mails and the confirmation mail: the logo (a fixed height,
// so clients without max-width support still size it; no CSS beyond inline styles) above a bar in the accent.
import { escapeHtml } from "../util/escape-html.ts";
import type { Branding } from "../settings/get-branding.ts";

export function brandHeaderHtml(brand: Branding): string {
  const inner = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.orgName || "Logo")}" height="48" style="display:block;height:48px;width:auto;max-width:100%;border:0">`
    : `<span style="font-size:18px;font-weight:bold;color:${brand.accent}">${escapeHtml(brand.orgName)}</span>`;
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-bottom:4px solid ${brand.accent};margin:0 0 16px"><tr><td style="padding:0 0 12px">${inner}</td></tr></table>`;
}
