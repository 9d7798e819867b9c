"use client";
import { useActionState } from "react";
import { bindAction } from "@/lib/util/bind-action";
import { Button, Field, Notice } from "@/components/ui";
import { saveNewsletterAction, type NewsletterState } from "./actions";

export type NewsletterValues = {
  slug: string; name: string; description: string; language: string; fromName: string; fromEmail: string;
  replyTo: string; frequency: string; categories: string; similarMap: string;
};

export function NewsletterForm({ id, values }: { id: string | null; values: NewsletterValues }) {
  const [state, action, pending] = useActionState<NewsletterState, FormData>(bindAction(saveNewsletterAction, id), {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate>
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.errors && <Notice kind="error">{e.form ?? "Some fields need attention."}</Notice>}
      <Field label="Name" name="name" defaultValue={values.name} error={e.name} maxLength={120} required />
      <Field label="Slug (address of the signup page: /n/slug)" name="slug" defaultValue={values.slug} error={e.slug} maxLength={60} required />
      <div className="mb-4">
        <label htmlFor="description" className="mb-1 block text-sm font-medium">Description (shown under the checkbox)</label>
        <textarea id="description" name="description" defaultValue={values.description} maxLength={500} rows={3} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        {e.description && <p role="alert" className="mt-1 text-sm text-red-700">{e.description}</p>}
      </div>
      <div className="mb-4">
        <label htmlFor="language" className="mb-1 block text-sm font-medium">Language</label>
        <select id="language" name="language" defaultValue={values.language} className="rounded-md border border-slate-300 px-3 py-2">
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
      </div>
      <Field label="Frequency (optional, e.g. monthly)" name="frequency" defaultValue={values.frequency} error={e.frequency} maxLength={120} />
      <Field label="Sender name" name="fromName" defaultValue={values.fromName} error={e.fromName} maxLength={120} required />
      <Field label="Sender e-mail" name="fromEmail" type="email" defaultValue={values.fromEmail} error={e.fromEmail} required />
      <Field label="Reply-to e-mail (optional)" name="replyTo" type="email" defaultValue={values.replyTo} error={e.replyTo} />
      <Field label="Product categories (comma-separated)" name="categories" defaultValue={values.categories} error={e.categories} hint="What this newsletter is about, for the existing-customer basis." />
      <div className="mb-4">
        <label htmlFor="similarMap" className="mb-1 block text-sm font-medium">Similar products (one line per purchased category)</label>
        <textarea id="similarMap" name="similarMap" defaultValue={values.similarMap} rows={3} placeholder="bikes: bike-parts, helmets" className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
        {e.similarMap && <p role="alert" className="mt-1 text-sm text-red-700">{e.similarMap}</p>}
      </div>
      <Button type="submit" disabled={pending}>{id ? "Save newsletter" : "Create newsletter"}</Button>
    </form>
  );
}
