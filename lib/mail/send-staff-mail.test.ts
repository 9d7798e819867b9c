// Without SMTP_URL (the dev mailbox), staff mails are also printed on the console, one line each with
// their link, so a newcomer can sign in from the terminal; subscriber mails stay in the dev mailbox only.
import { describe, it, expect, vi, afterEach } from "vitest";
import { listDevMailbox } from "./dev-mailbox.ts";
import { mailerKind } from "./transport.ts";
import { inviteUser } from "../users/invite-user.ts";
import { submitSignup } from "../consent/submit-signup.ts";
import { seedForm, seedNewsletter, seedOrganisation, uid } from "../consent/test-helpers.ts";

const printed = () => vi.mocked(console.log).mock.calls.map((c) => c.join(" ")).filter((l) => l.startsWith("proofmail: mail to"));
afterEach(() => vi.restoreAllMocks());

describe("staff mails on the dev mailbox", () => {
  it("runs without SMTP", () => {
    expect(mailerKind()).toBe("dev-mailbox");
  });

  it("prints an invitation as one line with its sign-in link, and keeps it in the dev mailbox", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const email = `editor-${uid()}@example.org`;
    const r = await inviteUser({ actor: { id: "u1", email: "admin@example.org" }, email, role: "editor" });
    expect(r.ok).toBe(true);
    const lines = printed();
    expect(lines).toHaveLength(1);
    const m = /^proofmail: mail to (\S+): (.+): (http\S+)$/.exec(lines[0]);
    expect(m?.slice(1, 3)).toEqual([email, "You have been invited to Proofmail"]);
    const stored = (await listDevMailbox()).find((x) => x.to.includes(email));
    expect(stored?.text).toContain(m![3]);
    expect(m![3]).toMatch(/^http:\/\/localhost:3999\/api\/auth\/callback\/email\?/);
  });

  it("does not print subscriber mails", async () => {
    await seedOrganisation();
    const n = await seedNewsletter("Fietsnieuws");
    const { version } = await seedForm([n.id]);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const email = `anna-${uid()}@example.nl`;
    const r = await submitSignup({ formVersionId: version.id, email, newsletterIds: [n.id], via: "form", ip: "192.0.2.1", userAgent: "Vitest/1" });
    expect(r.ok).toBe(true);
    expect((await listDevMailbox()).some((x) => x.to.includes(email))).toBe(true);
    expect(printed()).toEqual([]);
  });
});
