"use client";
// Settings → Branding: logo upload and brand colour. The contrast warning follows the colour as it is typed
// (the same computation as the template's, lib/settings/branding.ts).
import { useActionState, useState } from "react";
import { createTranslator } from "next-intl";
import { Button, Field, Notice } from "@/components/ui";
import { AA_CONTRAST, accentColor, contrastWithWhite, MAX_LOGO_BYTES, parseHexColor } from "@/lib/settings/branding";
import type { BrandingSettings } from "@/lib/settings/get-branding";
import type en from "@/lib/i18n/messages/en.json";
import { saveBrandingAction, type BrandingState } from "./branding-actions";

export function BrandingForm({ settings: s, messages }: { settings: BrandingSettings; messages: (typeof en)["branding"] }) {
  const t = createTranslator({ locale: "en", messages: { branding: messages }, namespace: "branding" });
  const [state, action, pending] = useActionState<BrandingState, FormData>(saveBrandingAction, {});
  const [color, setColor] = useState(s.brandColor);
  // A file over the limit is dropped before posting: it could exceed the server's request size and fail unread.
  const [tooLarge, setTooLarge] = useState(false);
  const e: Record<string, string> = { ...state.errors, ...(tooLarge ? { logo: t("logoSize") } : {}) };
  const hex = parseHexColor(color);
  const ratio = hex ? contrastWithWhite(hex) : null;
  return (
    <form action={action} noValidate encType="multipart/form-data">
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.errors && <Notice kind="error">{t("needsAttention")}</Notice>}
      {s.logoUrl && (
        <figure className="mb-4">
          {/* eslint-disable-next-line @next/next/no-img-element -- the organisation's own logo, served as stored */}
          <img src={s.logoUrl} alt={t("currentLogo")} className="max-h-16 max-w-xs" />
        </figure>
      )}
      <Field label={t("logo")} name="logo" type="file" accept="image/png,image/jpeg,image/webp" hint={t("logoHint")} error={e.logo}
        onChange={(ev) => {
          const big = (ev.target.files?.[0]?.size ?? 0) > MAX_LOGO_BYTES;
          setTooLarge(big);
          if (big) ev.target.value = "";
        }} />
      {s.hasLogo && (
        <div className="mb-4 flex items-center gap-2">
          <input id="removeLogo" name="removeLogo" type="checkbox" />
          <label htmlFor="removeLogo" className="text-sm">{t("removeLogo")}</label>
        </div>
      )}
      <Field label={t("color")} name="brandColor" value={color} onChange={(ev) => setColor(ev.target.value)} error={e.brandColor} hint={t("colorHint")} maxLength={20} />
      {hex && ratio !== null && (
        <div className="mb-4 flex items-start gap-3 text-sm" data-testid="contrast">
          <span aria-hidden="true" className="inline-block rounded px-3 py-1 font-medium text-white" style={{ backgroundColor: accentColor(hex) }}>Aa</span>
          {ratio >= AA_CONTRAST
            ? <p>{t("contrastOk", { ratio: ratio.toFixed(1) })}</p>
            : <p role="status" className="text-amber-900">{t("contrastLow", { ratio: ratio.toFixed(1), accent: accentColor(hex) })}</p>}
        </div>
      )}
      <Button type="submit" disabled={pending}>{t("save")}</Button>
    </form>
  );
}
