"use server";
import { z } from "zod";
import { action, fields, prevState, text } from "@/lib/http/boundary";
import { dismissInbound, suppressFromInbound } from "@/lib/inbound/act-on-unmatched";
import type { FormState } from "@/components/objection-forms";

const state = prevState<FormState>();
const invalid = (e: { message: string; extra: { field?: string } }): FormState => ({ error: e.message, field: e.extra.field });

/** Admins: an unmatched inbound message marked handled without any other effect. */
export const dismissInboundAction = action(
  { access: "subscribers.manage", input: z.tuple([state, fields({ id: text(64) })]), invalid },
  async ({ staff }, _prev, values): Promise<FormState> => {
    const r = await dismissInbound({ id: values.id, staff });
    if (!r.ok) return { error: r.error, field: r.field };
    // No revalidation: the row stays and shows the answer in place; the list leaves it out on the next visit.
    return { notice: r.notice };
  },
);

/** Admins: suppress an address they type, as lib/rules decides for the message's kind. */
export const suppressFromInboundAction = action(
  { access: "subscribers.manage", input: z.tuple([state, fields({ id: text(64), email: text(1000) })]), invalid },
  async ({ staff }, _prev, values): Promise<FormState> => {
    const r = await suppressFromInbound({ id: values.id, email: values.email, staff });
    if (!r.ok) return { error: r.error, field: r.field, values: { email: values.email } };
    return { notice: r.notice };
  },
);
