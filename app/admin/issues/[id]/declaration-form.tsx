"use client";
// The issue's declaration: which of the newsletter's categories it is about, whether it carries third-party
// offers (no default answer), the basis, and an explicit "I declare…". Fields are controlled so a refused
// submit keeps what was chosen (submitted by hand: a form action would reset the radios); the confirmation
// box starts unticked every time.
import { startTransition, useActionState, useEffect, useState } from "react";
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
      <h2 className="mb-2 font-semibold">Declaration</h2>
      <p className="mb-3 text-sm" data-testid="declaration-status">
        {initial.declared
          ? <>Declared on {initial.declared.at.slice(0, 16).replace("T", " ")} UTC{initial.declared.by ? ` by ${initial.declared.by}` : ""}.</>
          : <>Not declared: this issue cannot be sent or scheduled until you declare it. A test to yourself is allowed.</>}
      </p>
      <form noValidate data-ready={ready} aria-label="Declaration" onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}>
        {state.error && !["categories", "thirdPartyPromotion", "basis", "confirm"].includes(state.field ?? "") && <Notice kind="error">{state.error}</Notice>}
        {state.notice && <Notice kind="success">{state.notice}</Notice>}
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium">Which categories is this issue about?</legend>
          {initial.newsletterCategories.length === 0 && (
            <p className="text-sm text-slate-600">This newsletter has no categories: customers on the existing-customer basis will be excluded.</p>
          )}
          {initial.newsletterCategories.map((c) => (
            <label key={c} className="mr-4 inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="categories" value={c} checked={categories.includes(c)} onChange={() => toggle(c)} />{c}
            </label>
          ))}
          {fieldError("categories")}
        </fieldset>
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium">Does it contain offers from or on behalf of third parties?</legend>
          <label className="mr-4 inline-flex items-center gap-2 text-sm">
            <input type="radio" name="thirdPartyPromotion" value="yes" checked={thirdParty === "yes"} onChange={() => setThirdParty("yes")} />Yes, it contains third-party offers
          </label>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="radio" name="thirdPartyPromotion" value="no" checked={thirdParty === "no"} onChange={() => setThirdParty("no")} />No, only our own offers
          </label>
          {fieldError("thirdPartyPromotion")}
        </fieldset>
        <fieldset className="mb-4">
          <legend className="mb-1 text-sm font-medium">Send basis</legend>
          <label className="block text-sm">
            <input type="radio" name="basis" value="consent" className="mr-2" checked={basis === "consent"} onChange={() => setBasis("consent")} />
            Consent only (customers on the existing-customer basis are left out)
          </label>
          <label className="block text-sm">
            <input type="radio" name="basis" value="existing_customer" className="mr-2" checked={basis === "existing_customer"} onChange={() => setBasis("existing_customer")} />
            Consent and existing customers (for customers: only our own products, similar to what they bought, and no third-party offers)
          </label>
          {fieldError("basis")}
        </fieldset>
        <div className="mb-4">
          <label className="inline-flex items-start gap-2 text-sm">
            <input type="checkbox" name="confirm" value="yes" className="mt-1" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
            I declare that the saved content of this issue is about the categories ticked above, that my answer about third-party offers is true, and that it is sent on the basis chosen.
          </label>
          {fieldError("confirm")}
        </div>
        {unsavedContent && <p className="mb-2 text-sm text-slate-600">Save your changes first: the declaration is about the saved content.</p>}
        <Button type="submit" disabled={pending || unsavedContent}>Declare</Button>
      </form>
    </Card>
  );
}
