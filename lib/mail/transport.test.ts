// The SMTP transport against servers that are gone, stalled or refusing: every send settles, with an
// `unavailable` MailError, and the pool works again once the server is back.
import { describe, it, expect } from "vitest";
import net, { type AddressInfo } from "node:net";
import { createSmtpTransport, toMailError, MailError } from "./transport.ts";
import { startSmtpSink } from "../testing/smtp-sink.ts";

const mail = (i: number) => ({ from: "nieuws@fietsen.example", to: `p${i}@example.nl`, subject: "Hallo", text: "x" });
const settled = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then(() => "sent", (e) => toMailError(e).kind), new Promise<string>((r) => setTimeout(() => r("never settled"), ms))]);

describe("SMTP transport", () => {
  it("a closed port: every send fails as unavailable (more sends than pool slots), and the same pool recovers", async () => {
    const sink = await startSmtpSink({ parse: false });
    const { port } = sink;
    await sink.close();
    const t = createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 2 });
    try {
      // Each refused connection used to keep its pool slot: from the third send on, nothing ever settled.
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => settled(t.sendMail(mail(i)), 5000)));
      expect(results).toEqual(Array(8).fill("unavailable"));
      const back = await startSmtpSink({ port, parse: false });
      try {
        expect(await settled(t.sendMail(mail(9)), 5000)).toBe("sent");
        expect(back.count()).toBe(1);
      } finally {
        t.close();
        await back.close();
      }
    } finally {
      t.close();
    }
  });

  it("a server that accepts the connection and never speaks: unavailable after the greeting timeout", async () => {
    const held: net.Socket[] = [];
    const mute = net.createServer((s) => held.push(s));
    await new Promise<void>((r) => mute.listen(0, "127.0.0.1", r));
    const t = createSmtpTransport(`smtp://127.0.0.1:${(mute.address() as AddressInfo).port}`, { timeoutMs: 300 });
    try {
      const started = Date.now();
      expect(await settled(t.sendMail(mail(1)), 5000)).toBe("unavailable");
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      t.close();
      for (const s of held) s.destroy();
      await new Promise((r) => mute.close(r));
    }
  });

  it("classifies failures: 5xx rejected, 4xx temporary, no answer or 421 or login refused unavailable", () => {
    const kind = (e: object) => toMailError(Object.assign(new Error("x"), e)).kind;
    expect(kind({ responseCode: 550, code: "EENVELOPE" })).toBe("rejected");
    expect(kind({ responseCode: 552, code: "EMESSAGE" })).toBe("rejected");
    expect(kind({ responseCode: 451, code: "EMESSAGE" })).toBe("temporary");
    expect(kind({ responseCode: 421, code: "EMESSAGE" })).toBe("unavailable");
    expect(kind({ code: "ECONNECTION" })).toBe("unavailable");
    expect(kind({ code: "ESOCKET" })).toBe("unavailable");
    expect(kind({ code: "ETIMEDOUT" })).toBe("unavailable");
    expect(kind({ responseCode: 535, code: "EAUTH" })).toBe("unavailable");
    expect(kind({ message: "Connection pool was closed" })).toBe("unavailable");
    expect(kind({ code: "EENVELOPE" })).toBe("temporary"); // about the message, without a server reply
    expect(new MailError("x", "rejected").temporary).toBe(false);
  });
});
