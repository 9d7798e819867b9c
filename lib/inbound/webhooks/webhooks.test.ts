// Door (c), provider webhooks, end to end beside the SMTP and IMAP doors (../inbound.test.ts): newsletters go
// out through the real send pipeline to an SMTP sink; each provider's bounce and complaint events, in its
// documented format with the signed id the sink received, come back through the real route handlers
// (app/api/inbound/<provider>/route.ts), carrying the id where each provider echoes it from our headers, verified with keys and certificates made here → the same
// suppressions and ledger events as the other doors, and the next send skips those people. Bad signatures
// are 401 and change nothing; forged or missing ids are kept for staff, never applied; a Mailgun token
// is accepted once.
import { describe, it, expect, beforeAll, afterAll, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { createHmac, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));

const { db } = await import("../../db/index.ts");
const { config, ConfigError, parseWebhookConfig } = await import("../../config/index.ts");
const { startSmtpSink } = await import("../../testing/smtp-sink.ts");
const { seedFormVersion, seedNewsletter, seedOrganisation, seedSubscriber } = await import("../../sending/testing/fixtures.ts");
const { suppressionsFor } = await import("../../subscribers/suppression.ts");
const { deliveryToken, verpAddress } = await import("../../mail/delivery-id.ts");
const { tamper, useBounceAddress } = await import("../testing.ts");
const { sendIssue, received } = await import("../testing-send.ts");
const ses = await import("../../../app/api/inbound/ses/route.ts");
const postmark = await import("../../../app/api/inbound/postmark/route.ts");
const mailgun = await import("../../../app/api/inbound/mailgun/route.ts");
const sendgrid = await import("../../../app/api/inbound/sendgrid/route.ts");
const brevo = await import("../../../app/api/inbound/brevo/route.ts");

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
const g = globalThis as { __proofmailTransport?: { close(): void } | null };
let sink: Sink;

// ---- keys and certificates of the "providers", made for this run ----
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:proofmail-bounces";
const POSTMARK_AUTH = "postmark:" + randomBytes(12).toString("hex");
const MAILGUN_KEY = "key-" + randomBytes(16).toString("hex");
const BREVO_TOKEN = randomBytes(24).toString("base64url");
const sendgridKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const sendgridPublicB64 = sendgridKeys.publicKey.export({ format: "der", type: "spki" }).toString("base64");
let snsKeyPem: string;
let snsCertPem: string;
// The SNS stand-in: serves the signing certificate and takes subscription confirmations.
let sns: http.Server;
let snsBase: string;
const snsHits: string[] = [];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-sns-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=sns.eu-west-1.amazonaws.com"], { stdio: "ignore" });
  snsKeyPem = fs.readFileSync(path.join(dir, "key.pem"), "utf8");
  snsCertPem = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
  fs.rmSync(dir, { recursive: true, force: true });
  sns = http.createServer((req, res) => {
    snsHits.push(req.url ?? "");
    if (req.url?.startsWith("/SimpleNotificationService-test.pem")) res.end(snsCertPem);
    else if (req.url?.startsWith("/?Action=ConfirmSubscription")) res.end("<ConfirmSubscriptionResponse/>");
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => sns.listen(0, "127.0.0.1", r));
  snsBase = `http://127.0.0.1:${(sns.address() as AddressInfo).port}`;

  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  g.__proofmailTransport = undefined;
  const { loadConfig } = await import("../../config/index.ts");
  Object.assign(config(), { smtpUrl: loadConfig().smtpUrl, softBounceLimit: 3, softBounceDays: 30 });
  Object.assign(config(), {
    webhooks: parseWebhookConfig({
      INBOUND_SES_TOPIC_ARNS: TOPIC, INBOUND_SNS_CERT_HOSTS: snsBase, INBOUND_POSTMARK_AUTH: POSTMARK_AUTH,
      INBOUND_MAILGUN_SIGNING_KEY: MAILGUN_KEY, INBOUND_SENDGRID_PUBLIC_KEY: sendgridPublicB64, INBOUND_BREVO_TOKEN: BREVO_TOKEN,
    }),
  });
  useBounceAddress();
  await seedOrganisation();
});
afterAll(async () => {
  g.__proofmailTransport?.close();
  await sink?.close();
  await new Promise((r) => sns?.close(r));
});

// ---- fixtures and signed requests ----
type Target = { email: string; deliveryId: string; token: string };
function fill(name: string, t: Partial<Target> & Record<string, string> = {}): string {
  let s = fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
  for (const [k, v] of Object.entries(t)) s = s.replaceAll(`__${k.replace(/[A-Z]/g, (c) => "_" + c).toUpperCase()}__`, v);
  return s;
}
// Each use is another event of the provider's (its own event id), unless `event` repeats one (a retry).
let events = 1000;
const fixtureFor = (name: string, t: Target, event = String(++events)) => fill(name, { email: t.email, delivery: t.deliveryId, token: t.token, verp: verpAddress(t.deliveryId)!, eventNo: event });

const url = (p: string) => `http://localhost:3000/api/inbound/${p}`;
const post = (p: string, body: string, headers: Record<string, string> = {}) => new Request(url(p), { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

function snsEnvelope(message: string, opts: { type?: string; version?: "1" | "2"; topic?: string; certUrl?: string; id?: string } = {}) {
  const m: Record<string, string> = {
    Type: opts.type ?? "Notification", MessageId: opts.id ?? `sns-${randomBytes(8).toString("hex")}`, TopicArn: opts.topic ?? TOPIC, Message: message,
    Timestamp: new Date().toISOString(), SignatureVersion: opts.version ?? "2", SigningCertURL: opts.certUrl ?? `${snsBase}/SimpleNotificationService-test.pem`,
  };
  if (m.Type === "SubscriptionConfirmation") Object.assign(m, { Token: "2336412f37fb687f5d51e6e2425c464de257ed6c", SubscribeURL: `${snsBase}/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f37fb687f5d51e6e2425c464de257ed6c` });
  else m.Subject = "Amazon SES Email Event Notification";
  // The canonical string AWS documents, signed here with the certificate's key.
  const keys = m.Type === "Notification" ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  const text = keys.map((k) => `${k}\n${m[k]}\n`).join("");
  m.Signature = createSign(m.SignatureVersion === "1" ? "RSA-SHA1" : "RSA-SHA256").update(text).sign(snsKeyPem, "base64");
  return m;
}
const sesPost = (m: Record<string, string>) => ses.POST(post("ses", JSON.stringify(m), { "content-type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": m.Type }));

function mailgunSigned(raw: string, opts: { key?: string; timestamp?: number; token?: string } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const token = opts.token ?? randomBytes(25).toString("hex");
  const signature = createHmac("sha256", opts.key ?? MAILGUN_KEY).update(timestamp + token).digest("hex");
  return raw.replaceAll("__TIMESTAMP__", timestamp).replaceAll("__MG_TOKEN__", token).replaceAll("__MG_SIGNATURE__", signature);
}
function sendgridHeaders(body: string, key = sendgridKeys.privateKey) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createSign("sha256").update(timestamp + body).sign(key, "base64");
  return { "X-Twilio-Email-Event-Webhook-Signature": signature, "X-Twilio-Email-Event-Webhook-Timestamp": timestamp };
}
const basic = (userPass: string) => ({ authorization: `Basic ${Buffer.from(userPass).toString("base64")}` });

// ---- the newsletter side ----
async function deliveriesTo(n: number): Promise<{ newsletterId: string; targets: (Target & { subscriberId: string; subscriptionId: string })[] }> {
  const nl = await seedNewsletter();
  const fv = await seedFormVersion([nl.id]);
  const subs = [];
  for (let i = 0; i < n; i++) subs.push(await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id }));
  const issue = await sendIssue(nl.id);
  const targets = [];
  for (const s of subs) {
    const { delivery, mail } = await received(sink, issue.id, s.email);
    const token = mail.parsed.headers.get("x-proofmail-delivery") as string;
    expect(token).toBe(deliveryToken(delivery.id));
    // What each provider echoes into its webhooks (lib/mail/delivery-echo.ts): the same signed id.
    const h = mail.parsed.headers;
    expect(h.get("x-pm-metadata-proofmail-delivery")).toBe(token);
    expect(JSON.parse(h.get("x-mailgun-variables") as string)).toEqual({ proofmail_delivery: token });
    expect(JSON.parse(h.get("x-smtpapi") as string)).toEqual({ unique_args: { proofmail_delivery: token } });
    expect(h.get("x-mailin-custom")).toBe(`proofmail-delivery:${token}`);
    targets.push({ email: s.email, deliveryId: delivery.id, token, subscriberId: s.subscriber.id, subscriptionId: s.subscription.id });
  }
  return { newsletterId: nl.id, targets };
}

const activeAll = async (email: string) => (await suppressionsFor(db, email)).filter((s) => s.scope === "all" && !s.liftedAt).map((s) => s.reason);
const eventsOf = (subscriberId: string, type: string) => db.consentEvent.findMany({ where: { subscriberId, type }, orderBy: { seq: "asc" } });
const counts = async () => ({ inbound: await db.inboundMessage.count(), suppressions: await db.suppression.count(), events: await db.consentEvent.count() });

/** Each provider's hard bounce, soft bounce and complaint for three deliveries, as one request each (SendGrid: one batch). */
const PROVIDERS: Record<string, (t: [Target, Target, Target], ev: [string, string, string]) => Promise<Response[]>> = {
  ses: async ([h, s, c], [e1, e2, e3]) => [
    await sesPost(snsEnvelope(fixtureFor("ses-bounce-permanent.json", h, e1), { version: "1", id: `sns-${e1}` })),
    await sesPost(snsEnvelope(fixtureFor("ses-bounce-transient.json", s, e2), { version: "2", id: `sns-${e2}` })),
    await sesPost(snsEnvelope(fixtureFor("ses-complaint.json", c, e3), { id: `sns-${e3}` })),
  ],
  postmark: async ([h, s, c], [e1, e2, e3]) => [
    await postmark.POST(post("postmark", fixtureFor("postmark-hard-bounce.json", h, e1), basic(POSTMARK_AUTH))),
    await postmark.POST(post("postmark", fixtureFor("postmark-soft-bounce.json", s, e2), basic(POSTMARK_AUTH))),
    await postmark.POST(post("postmark", fixtureFor("postmark-spam-complaint.json", c, e3), basic(POSTMARK_AUTH))),
  ],
  mailgun: async ([h, s, c], [e1, e2, e3]) => [
    await mailgun.POST(post("mailgun", mailgunSigned(fixtureFor("mailgun-failed-permanent.json", h, e1)))),
    await mailgun.POST(post("mailgun", mailgunSigned(fixtureFor("mailgun-failed-temporary.json", s, e2)))),
    await mailgun.POST(post("mailgun", mailgunSigned(fixtureFor("mailgun-complained.json", c, e3)))),
  ],
  sendgrid: async ([h, s, c], [e1]) => {
    const body = fill("sendgrid-events.json", { eventNo: e1,
      emailHard: h.email, deliveryHard: h.deliveryId, tokenHard: h.token, emailSoft: s.email, deliverySoft: s.deliveryId, tokenSoft: s.token, emailComplaint: c.email, tokenComplaint: c.token,
    });
    return [await sendgrid.POST(post("sendgrid", body, sendgridHeaders(body)))];
  },
  brevo: async ([h, s, c], [e1, e2, e3]) => [
    await brevo.POST(post("brevo", fixtureFor("brevo-hard-bounce.json", h, e1), { authorization: `Bearer ${BREVO_TOKEN}` })),
    await brevo.POST(post("brevo", fixtureFor("brevo-soft-bounce.json", s, e2), { authorization: `Bearer ${BREVO_TOKEN}` })),
    await brevo.POST(post("brevo", fixtureFor("brevo-spam.json", c, e3), { authorization: `Bearer ${BREVO_TOKEN}` })),
  ],
};

describe("inbound door (c): provider webhooks", () => {
  for (const [provider, deliver] of Object.entries(PROVIDERS)) {
    it(`${provider}: hard bounce → suppressed (bounce), soft bounce counted, complaint → objection; the next send skips them`, async () => {
      const { newsletterId, targets } = await deliveriesTo(4);
      const [hard, soft, complaint, bystander] = targets;
      const ev: [string, string, string] = [String(++events), String(++events), String(++events)];
      const responses = await deliver([hard, soft, complaint], ev);
      for (const r of responses) expect(r.status, await r.clone().text()).toBe(200);

      const rows = await db.inboundMessage.findMany({ where: { source: `webhook-${provider}` } });
      expect(Object.fromEntries(rows.map((r) => [r.deliveryId, [r.kind, r.action]]))).toEqual({
        [hard.deliveryId]: ["hard-bounce", "INBOUND_HARD_BOUNCE"], [soft.deliveryId]: ["soft-bounce", "INBOUND_SOFT_BOUNCE_COUNTED"], [complaint.deliveryId]: ["complaint", "INBOUND_COMPLAINT"],
      });
      expect(rows.every((r) => r.excerpt === null)).toBe(true); // matched: nothing of the payload kept
      expect(await activeAll(hard.email)).toEqual(["bounce"]);
      expect(await activeAll(soft.email)).toEqual([]);
      expect(await activeAll(complaint.email)).toEqual(["complaint"]);
      expect(await activeAll(bystander.email)).toEqual([]);
      const bounce = await eventsOf(hard.subscriberId, "bounce");
      expect(bounce).toHaveLength(1);
      expect(bounce[0].details).toMatchObject({ via: `inbound-webhook-${provider}`, scope: "all", kind: "hard-bounce", deliveryId: hard.deliveryId, provider });
      expect(JSON.stringify(bounce[0].details)).not.toContain("@");
      const objection = await eventsOf(complaint.subscriberId, "objection");
      expect(objection).toHaveLength(1);
      expect(objection[0]).toMatchObject({ actor: "subject", subscriptionId: complaint.subscriptionId });
      expect(objection[0].details).toMatchObject({ via: "feedback-loop", scope: "all", channel: provider, feedbackType: "abuse" });
      expect(await db.subscription.findUniqueOrThrow({ where: { id: complaint.subscriptionId } })).toMatchObject({ status: "unsubscribed" });

      // The provider's retry of the same events changes nothing.
      const before = await counts();
      for (const r of await deliver([hard, soft, complaint], ev)) expect(r.status).toBe(200);
      expect(await counts()).toEqual(before);

      const next = await sendIssue(newsletterId);
      const outcome = async (subscriberId: string) => (await db.delivery.findFirstOrThrow({ where: { issueId: next.id, subscriberId } }));
      expect(await outcome(hard.subscriberId)).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
      expect(await outcome(complaint.subscriberId)).toMatchObject({ status: "skipped" });
      expect(await outcome(soft.subscriberId)).toMatchObject({ status: "sent" });
      expect(await outcome(bystander.subscriberId)).toMatchObject({ status: "sent" });
    });
  }

  it("a bad signature or secret is a 401 problem+json and stores nothing", async () => {
    const { targets: [t] } = await deliveriesTo(1);
    const before = await counts();
    const refused: Response[] = [];
    // SNS: signed by another key; and a message altered after signing.
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forged = snsEnvelope(fixtureFor("ses-bounce-permanent.json", t));
    forged.Signature = createSign("RSA-SHA256").update("anything").sign(other, "base64");
    refused.push(await sesPost(forged));
    const altered = snsEnvelope(fixtureFor("ses-bounce-permanent.json", t), { version: "1" });
    altered.Message = altered.Message.replace("Permanent", "Transient");
    refused.push(await sesPost(altered));
    refused.push(await postmark.POST(post("postmark", fixtureFor("postmark-hard-bounce.json", t), basic("postmark:wrong-password-0000"))));
    refused.push(await postmark.POST(post("postmark", fixtureFor("postmark-hard-bounce.json", t))));
    refused.push(await mailgun.POST(post("mailgun", mailgunSigned(fixtureFor("mailgun-failed-permanent.json", t), { key: "key-not-ours-000000000000" }))));
    refused.push(await mailgun.POST(post("mailgun", mailgunSigned(fixtureFor("mailgun-failed-permanent.json", t), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }))));
    const sgBody = fill("sendgrid-dropped.json", { email: t.email, delivery: t.deliveryId, token: t.token, eventNo: "1" });
    refused.push(await sendgrid.POST(post("sendgrid", sgBody, sendgridHeaders(sgBody, generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey))));
    refused.push(await sendgrid.POST(post("sendgrid", sgBody.replace("Bounced Address", "Bounced Address "), sendgridHeaders(sgBody))));
    refused.push(await sendgrid.POST(post("sendgrid", sgBody)));
    refused.push(await brevo.POST(post("brevo", fixtureFor("brevo-hard-bounce.json", t), { authorization: `Bearer ${BREVO_TOKEN}x` })));
    refused.push(await brevo.POST(post("brevo", fixtureFor("brevo-hard-bounce.json", t))));
    for (const r of refused) {
      expect(r.status).toBe(401);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      const body = await r.json();
      expect(body).toMatchObject({ code: "unauthenticated", status: 401 });
      expect(body.detail).toMatch(/^[A-Za-z.-]+: /); // names what failed
    }
    expect(await counts()).toEqual(before);
    expect(await activeAll(t.email)).toEqual([]);
  });

  it("the SNS signing certificate must come from an allowed host over https, and is fetched once", async () => {
    const { targets: [t] } = await deliveriesTo(1);
    const before = await counts();
    for (const certUrl of ["https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem", `${snsBase.replace("http:", "https:")}.evil/SimpleNotificationService-test.pem`, "http://sns.eu-west-1.amazonaws.com/cert.pem"]) {
      const r = await sesPost(snsEnvelope(fixtureFor("ses-bounce-permanent.json", t), { certUrl }));
      expect(r.status).toBe(401);
      expect((await r.json()).detail).toMatch(/^SigningCertURL: /);
    }
    expect(await counts()).toEqual(before);
    // Without INBOUND_SNS_CERT_HOSTS only https on sns.<region>.amazonaws.com is allowed.
    const { allowedSnsUrl } = await import("./ses.ts");
    const saved = config().webhooks.snsCertHosts;
    config().webhooks.snsCertHosts = null;
    try {
      expect(allowedSnsUrl("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem")?.host).toBe("sns.eu-west-1.amazonaws.com");
      expect(allowedSnsUrl("https://sns.cn-north-1.amazonaws.com.cn/x.pem")).not.toBeNull();
      for (const bad of ["http://sns.eu-west-1.amazonaws.com/x.pem", "https://sns.eu-west-1.amazonaws.com.evil.example/x.pem", "https://evil.example/sns.eu-west-1.amazonaws.com/x.pem", "https://s3.amazonaws.com/x.pem", `${snsBase}/SimpleNotificationService-test.pem`])
        expect(allowedSnsUrl(bad), bad).toBeNull();
    } finally {
      config().webhooks.snsCertHosts = saved;
    }
    // Cached: earlier tests already fetched it; more notifications fetch nothing.
    const fetches = snsHits.filter((h) => h.includes(".pem")).length;
    expect(fetches).toBe(1);
    expect((await sesPost(snsEnvelope(JSON.stringify({ notificationType: "Delivery", mail: {}, delivery: {} })))).status).toBe(200);
    expect(snsHits.filter((h) => h.includes(".pem")).length).toBe(fetches);
  });

  it("SNS SubscriptionConfirmation: confirmed by a GET of SubscribeURL only for a listed topic", async () => {
    const hits = snsHits.length;
    const ok = await sesPost(snsEnvelope("You have chosen to subscribe to the topic.", { type: "SubscriptionConfirmation" }));
    expect(ok.status).toBe(200);
    expect(snsHits.slice(hits).filter((h) => h.startsWith("/?Action=ConfirmSubscription"))).toHaveLength(1);
    const other = await sesPost(snsEnvelope("You have chosen to subscribe to the topic.", { type: "SubscriptionConfirmation", topic: "arn:aws:sns:eu-west-1:210987654321:someone-else" }));
    expect(other.status).toBe(403);
    expect((await other.json()).detail).toMatch(/^TopicArn: /);
    expect(snsHits.slice(hits).filter((h) => h.startsWith("/?Action=ConfirmSubscription"))).toHaveLength(1);
  });

  it("forged, missing or unknown delivery ids are kept for staff as unmatched, never applied to the address in the payload", async () => {
    const { targets: [t] } = await deliveriesTo(1);
    const before = await counts();
    const forged = { ...t, token: tamper(t.token), deliveryId: t.deliveryId };
    const unknown = { ...t, token: deliveryToken("cmnosuchdelivery000000001") };
    const answers = [
      await sesPost(snsEnvelope(fixtureFor("ses-bounce-permanent.json", forged))),
      await postmark.POST(post("postmark", fixtureFor("postmark-hard-bounce.json", forged).replace('"proofmail-delivery"', '"other"'), basic(POSTMARK_AUTH))),
      await mailgun.POST(post("mailgun", mailgunSigned(fixtureFor("mailgun-failed-permanent.json", unknown)))),
      await brevo.POST(post("brevo", fixtureFor("brevo-hard-bounce.json", t).replace(/"X-Mailin-custom": "[^"]*"/, '"X-Mailin-custom": "campagne-december"'), { authorization: `Bearer ${BREVO_TOKEN}` })),
    ];
    const sgBody = fill("sendgrid-dropped.json", { email: t.email, delivery: t.deliveryId, token: forged.token, eventNo: "2" });
    answers.push(await sendgrid.POST(post("sendgrid", sgBody, sendgridHeaders(sgBody))));
    for (const r of answers) expect((await r.json()).outcomes).toEqual({ INBOUND_UNMATCHED: 1 });
    const after = await counts();
    expect(after).toEqual({ ...before, inbound: before.inbound + 5 });
    expect(await activeAll(t.email)).toEqual([]);
    const rows = await db.inboundMessage.findMany({ where: { action: "INBOUND_UNMATCHED", source: { startsWith: "webhook-" } }, orderBy: { receivedAt: "asc" } });
    expect(rows.map((r) => r.source).sort()).toEqual(["webhook-brevo", "webhook-mailgun", "webhook-postmark", "webhook-sendgrid", "webhook-ses"]);
    for (const r of rows) {
      expect(r).toMatchObject({ kind: "hard-bounce", deliveryId: null, subscriberId: null });
      expect(r.summary).toMatchObject({ reportedRecipient: t.email, format: "webhook" });
      expect(r.excerpt).toContain(t.email); // what the provider said, for staff
    }
    const { inboundOverview } = await import("../inbound-overview.ts");
    expect((await inboundOverview()).unmatched.filter((m) => m.source.startsWith("webhook-"))).toHaveLength(5);
  });

  it("a Mailgun token is accepted once: the same signed request again is refused", async () => {
    const { targets: [t] } = await deliveriesTo(1);
    const body = mailgunSigned(fixtureFor("mailgun-failed-temporary.json", t));
    expect((await mailgun.POST(post("mailgun", body))).status).toBe(200);
    const before = await counts();
    const again = await mailgun.POST(post("mailgun", body));
    expect(again.status).toBe(401);
    expect((await again.json()).detail).toMatch(/^signature\.token: .*used before/);
    // Another event signed with the same token (a captured signature reused) is refused too.
    const reused = JSON.parse(body);
    reused["event-data"].id = "another-event-id-0001";
    expect((await mailgun.POST(post("mailgun", JSON.stringify(reused)))).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("not configured → 404; malformed → 400 naming the field; too large → 413; each endpoint has its rate limit", async () => {
    const saved = { ...config().webhooks };
    Object.assign(config().webhooks, { sesTopicArns: [], postmarkAuth: null, mailgunSigningKey: null, sendgridPublicKey: null, brevoToken: null });
    try {
      for (const [name, h] of [["ses", ses], ["postmark", postmark], ["mailgun", mailgun], ["sendgrid", sendgrid], ["brevo", brevo]] as const) {
        const r = await h.POST(post(name, "{}"));
        expect(r.status, name).toBe(404);
        expect(r.headers.get("content-type")).toContain("application/problem+json");
      }
    } finally {
      Object.assign(config().webhooks, saved);
    }
    const before = await counts();
    const bad = async (r: Promise<Response>, field: RegExp) => {
      const res = await r;
      expect(res.status).toBe(400);
      expect((await res.json()).detail).toMatch(field);
    };
    await bad(ses.POST(post("ses", "{not json")), /JSON/);
    await bad(ses.POST(post("ses", JSON.stringify({ Type: "Notification" }))), /^MessageId: /);
    await bad(postmark.POST(post("postmark", JSON.stringify({ ID: 1 }), basic(POSTMARK_AUTH))), /^RecordType: /);
    await bad(mailgun.POST(post("mailgun", JSON.stringify({ signature: { timestamp: "x" } }))), /^signature\.timestamp: /);
    const notArray = JSON.stringify({ event: "bounce" });
    await bad(sendgrid.POST(post("sendgrid", notArray, sendgridHeaders(notArray))), /^body: |expected array/i);
    await bad(brevo.POST(post("brevo", JSON.stringify({ email: "x@example.nl" }), { authorization: `Bearer ${BREVO_TOKEN}` })), /^0\.event: |event: /);
    const huge = JSON.stringify([{ event: "bounce", sg_event_id: "x", reason: "x".repeat(1024 * 1024) }]);
    expect((await sendgrid.POST(post("sendgrid", huge, sendgridHeaders(huge)))).status).toBe(413);
    expect(await counts()).toEqual(before);
    for (const name of ["ses", "postmark", "mailgun", "sendgrid", "brevo"])
      expect(await db.rateLimit.count({ where: { key: { startsWith: `inbound-webhook-${name}:` } } }), name).toBeGreaterThan(0);
  });

  it("configuration: each webhook variable is checked and named when wrong", () => {
    const bad = (env: Record<string, string>, variable: string) => {
      expect(() => parseWebhookConfig(env)).toThrow(ConfigError);
      expect(() => parseWebhookConfig(env)).toThrow(new RegExp(`^${variable}: `));
    };
    bad({ INBOUND_SES_TOPIC_ARNS: "bounces" }, "INBOUND_SES_TOPIC_ARNS");
    bad({ INBOUND_SNS_CERT_HOSTS: "ftp://x" }, "INBOUND_SNS_CERT_HOSTS");
    bad({ INBOUND_SNS_CERT_HOSTS: "127.0.0.1:8443", NODE_ENV: "production" }, "INBOUND_SNS_CERT_HOSTS");
    bad({ INBOUND_POSTMARK_AUTH: "no-colon-in-this-secret" }, "INBOUND_POSTMARK_AUTH");
    bad({ INBOUND_MAILGUN_SIGNING_KEY: "short" }, "INBOUND_MAILGUN_SIGNING_KEY");
    bad({ INBOUND_SENDGRID_PUBLIC_KEY: generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).toString("base64") }, "INBOUND_SENDGRID_PUBLIC_KEY");
    bad({ INBOUND_BREVO_TOKEN: "short" }, "INBOUND_BREVO_TOKEN");
    expect(parseWebhookConfig({})).toEqual({ sesTopicArns: [], snsCertHosts: null, postmarkAuth: null, mailgunSigningKey: null, sendgridPublicKey: null, brevoToken: null });
  });
});
