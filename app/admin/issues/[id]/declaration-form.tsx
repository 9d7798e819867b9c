"use client";
// The issue's declaration: which of the newsletter's categories it is about, whether it carries third-party
// offers (no default answer), the basis, and an explicit "I declare…". Fields are controlled so a refused
// submit keeps what was chosen (submitted by hand: a form action would reset the radios); the confirmation
// box starts unticked every time.
import { startTransition, useActionState, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { bindAction } from "@/lib/util/bind-action";
import { Button, Card, Notice } from "@/components/ui";
import { declareIssueAction, type FormState } from "../actions";

export type DeclarationState = {
  newsletterCategories: string[];
  /** The stored answers once the issue was declared at least once; null fields show nothing chosen. */
  categories: string[] | null;
  thirdPartyPromotion: boolean | null;
  basis: "consent" | "existing_customer" | null;
  declared: null | { at: string; by: string | null };
};

export function DeclarationForm({ issueId, initial, unsavedContent }: { issueId: string; initial: DeclarationState; unsavedContent: boolean }) {
  const t = useTranslations("admin.issues.declaration");
  const format = useFormatter();
  const [state, action, pending] = useActionState<FormState, FormData>(bindAction(declareIssueAction, issueId), {});
  const [categories, setCategories] = useState<string[]>(initial.categories ?? []);
  const [thirdParty, setThirdParty] = useState<"" | "yes" | "no">(initial.thirdPartyPromotion === null ? "" : initial.thirdPartyPromotion ? "yes" : "no");
  const [basis, setBasis] = useState<string>(initial.basis ?? "");
  const [confirm, setConfirm] = useState(false);
  const [ready, setReady] = useState(false); // hydrated: clicks from now on are kept (e2e waits for it)
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (state.notice) setConfirm(false);
  }, [state]);
  const toggle = (c: string) => setCategories((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));
  const fieldError = (f: string) => (state.error && state.field === f ? <p role="alert" className="mt-1 text-sm text-red-700">{state.error}</p> : null);

  return (
    <Card className="mt-6">
      <h2 className="mb-2 font-semibold">{t("heading")}</h2>
      <p className="mb-3 text-sm" data-testid="declaration-status">
        {initial.declared
          ? (initial.declared.by
            ? t("declaredBy", { at: format.dateTime(new Date(initial.declared.at), { dateStyle: "medium", timeStyle: "short" }), by: initial.declared.by })
            : t("declared", { at: format.dateTime(new Date(initial.declared.at), { dateStyle: "medium", timeStyle: "short" }) }))
          : t("notDeclared")}
      </p>
      <form noValidate data-ready={ready} aria-label={t("heading")} onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}>
        {state.error && !["categories", "thirdPartyPromotion", "basis", "confirm"].includes(state.field ?? "") && <Notice kind="error">{state.error}</Notice>}
        {state.notice && <Notice kind="success">{state.notice}</Notice>}
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium">{t("categories")}</legend>
          {initial.newsletterCategories.length === 0 && (
            <p className="text-sm text-slate-600">{t("noCategories")}</p>
          )}
          {initial.newsletterCategories.map((c) => (
            <label key={c} className="mr-4 inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="categories" value={c} checked={categories.includes(c)} onChange={() => toggle(c)} />{c}
            </label>
          ))}
          {fieldError("categories")}
        </fieldset>
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium">{t("thirdParty")}</legend>
          <label className="mr-4 inline-flex items-center gap-2 text-sm">
            <input type="radio" name="thirdPartyPromotion" value="yes" checked={thirdParty === "yes"} onChange={() => setThirdParty("yes")} />{t("yes")}
          </label>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="radio" name="thirdPartyPromotion" value="no" checked={thirdParty === "no"} onChange={() => setThirdParty("no")} />{t("no")}
          </label>
          {fieldError("thirdPartyPromotion")}
        </fieldset>
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium">{t("basis")}</legend>
          <label className="block text-sm">
            <input type="radio" name="basis" value="consent" className="mr-2" checked={basis === "consent"} onChange={() => setBasis("consent")} />
            {t("consent")}
          </label>
          <label className="block text-sm">
            <input type="radio" name="basis" value="existing_customer" className="mr-2" checked={basis === "existing_customer"} onChange={() => setBasis("existing_customer")} />
            {t("existingCustomer")}
          </label>
          {fieldError("basis")}
        </fieldset>
        <div className="mb-4">
          <label className="inline-flex items-start gap-2 text-sm">
            <input type="checkbox" name="confirm" value="yes" className="mt-1" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
            {t("confirm")}
          </label>
          {fieldError("confirm")}
        </div>
        {unsavedContent && <p className="mb-2 text-sm text-slate-600">{t("saveFirst")}</p>}
        <Button type="submit" disabled={pending || unsavedContent}>{t("submit")}</Button>
      </form>
    </Card>
  );
}
