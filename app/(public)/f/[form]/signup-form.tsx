"use client";
// Renders a FormVersion's lines exactly: every line of the stored text sits in its own [data-form-line]
// element, in order, and nothing else does, so joining their textContent with "\n" gives the stored
// renderedText (whose sha256 is the version's contentHash). Error messages, the honeypot and the
// anti-spam status are outside those elements. No box is ever pre-ticked (R-CONSENT-UNCHECKED); after
// an error only the boxes the person ticked themself are ticked again.
import { useActionState } from "react";
import type { FormLine } from "@/lib/consent/render-form-text";
import { signup, type SignupState } from "./actions";
import { ProofOfWork } from "./proof-of-work";

const HONEYPOT = { nl: "Laat dit veld leeg", en: "Leave this field empty" };

/** The age question line and its options become one group (a radio fieldset); other lines stay single. */
function groupAge(lines: FormLine[]): (FormLine | FormLine[])[] {
  const out: (FormLine | FormLine[])[] = [];
  for (const l of lines) {
    const last = out.at(-1);
    if (l.kind === "age") out.push([l]);
    else if (l.kind === "age-option" && Array.isArray(last)) last.push(l);
    else out.push(l);
  }
  return out;
}

export function SignupForm({ lines, versionId, contentHash, language, pow, initial }: {
  /** The state to start from: a failed embed post's message and values (the /embed page). */
  initial: SignupState;
  lines: FormLine[];
  versionId: string;
  contentHash: string;
  language: "nl" | "en";
  pow: { challenge: string; bits: number } | null;
}) {
  const [state, action, pending] = useActionState<SignupState, FormData>(signup, initial);
  const chosen = new Set(state.values?.newsletterIds ?? []);
  const start = lines.findIndex((l) => l.kind === "instruction");
  const end = lines.findIndex((l) => l.kind === "field");
  const before = lines.slice(0, start);
  const boxes = lines.slice(start, end);
  const after = lines.slice(end);
  const errorFor = (field: string) => (state.error && state.field === field ? "signup-error" : undefined);

  const render = (line: FormLine, i: number) => {
    switch (line.kind) {
      case "title":
        return <h1 key={i} data-form-line className="mb-4 text-2xl font-semibold">{line.text}</h1>;
      case "checkbox":
        return (
          <div key={i} className="mt-3 flex items-start gap-2">
            <input
              type="checkbox" id={`nl-${line.newsletterId}`} name="newsletter" value={line.newsletterId}
              defaultChecked={chosen.has(line.newsletterId)} aria-describedby={errorFor("newsletters")}
              className="mt-1 h-4 w-4"
            />
            <label htmlFor={`nl-${line.newsletterId}`} data-form-line className="font-medium">{line.text}</label>
          </div>
        );
      case "description":
      case "frequency":
      case "purpose":
        return <p key={i} data-form-line className="ml-6 text-sm text-slate-700">{line.text}</p>;
      case "field": {
        const value = line.field === "email" ? state.values?.email : line.field === "name" ? state.values?.name : state.values?.guardianEmail;
        return (
          <div key={i} className="mt-4">
            <label htmlFor={`field-${line.field}`} data-form-line className="mb-1 block text-sm font-medium">{line.text}</label>
            <input
              id={`field-${line.field}`} name={line.field} type={line.field === "name" ? "text" : "email"}
              autoComplete={line.field === "guardianEmail" ? "off" : line.field} required={line.field === "email"} maxLength={line.field === "name" ? 200 : 320}
              defaultValue={value}
              aria-invalid={state.field === line.field} aria-describedby={errorFor(line.field)}
              className={`w-full rounded-md border px-3 py-2 ${state.field === line.field ? "border-red-600" : "border-slate-300"}`}
            />
          </div>
        );
      }
      case "age-option":
        return (
          <div key={i} className="mt-2 flex items-center gap-2">
            <input
              type="radio" id={`age-${line.value}`} name="age" value={line.value} defaultChecked={state.values?.age === line.value}
              aria-invalid={state.field === "age"} aria-describedby={errorFor("age")} className="h-4 w-4"
            />
            <label htmlFor={`age-${line.value}`} data-form-line>{line.text}</label>
          </div>
        );
      case "privacy":
        return <p key={i} data-form-line className="mt-2 text-sm">{line.prefix}<a href={line.href}>{line.href}</a></p>;
      case "submit":
        return (
          <button key={i} type="submit" data-form-line disabled={pending} className="mt-6 rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50">
            {line.text}
          </button>
        );
      case "doi":
        return <p key={i} data-form-line className="mt-4 text-sm">{line.text}</p>;
      default:
        return <p key={i} data-form-line className={line.kind === "intro" ? "mb-3" : "mt-2 text-sm text-slate-700"}>{line.text}</p>;
    }
  };

  return (
    <form action={action} noValidate lang={language}>
      <input type="hidden" name="formVersionId" value={versionId} />
      <input type="hidden" name="language" value={language} />
      {state.error && <p role="alert" id="signup-error" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">{state.error}</p>}
      {/* A field people never see; bots fill it in (submit-signup ignores such posts). */}
      <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}>
        <label htmlFor="field-website">{HONEYPOT[language]}</label>
        <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div data-form-text data-content-hash={contentHash}>
        {before.map(render)}
        <fieldset className="mt-2">
          {boxes[0] && <legend data-form-line className="text-sm text-slate-800">{boxes[0].text}</legend>}
          {boxes.slice(1).map((l, i) => render(l, start + 1 + i))}
        </fieldset>
        {groupAge(after.filter((l) => l.kind !== "submit")).map((g, i) =>
          Array.isArray(g)
            ? (
              <fieldset key={`age-${i}`} className={`mt-4 rounded-md ${state.field === "age" ? "border border-red-600 p-2" : ""}`}>
                <legend data-form-line className="text-sm font-medium">{g[0].text}</legend>
                {g.slice(1).map((l, j) => render(l, j))}
              </fieldset>
            )
            : render(g, end + i))}
        {pow && <ProofOfWork challenge={pow.challenge} bits={pow.bits} language={language} />}
        {after.filter((l) => l.kind === "submit").map((l) => render(l, lines.length))}
      </div>
    </form>
  );
}
