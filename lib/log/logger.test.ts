// The logger's promises about personal data and request ids, on the lines it really writes.
import { describe, it, expect } from "vitest";
import { createLogger } from "./logger.ts";
import { runWithRequestId } from "./request-context.ts";
import { maskEmail, maskEmailsIn } from "./mask-email.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: "debug", destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  return { log, lines };
}

describe("logger", () => {
  it("writes one JSON object per line with level, time, message", () => {
    const { log, lines } = capture();
    log.info({ sendId: "s1", n: 3 }, "batch done");
    expect(lines[0]).toMatchObject({ level: "info", msg: "batch done", sendId: "s1", n: 3, pid: process.pid });
    expect(Date.parse(lines[0].time as string)).toBeGreaterThan(0);
  });

  it("masks addresses in known fields, messages and errors, and drops IPs, tokens and credentials", () => {
    const { log, lines } = capture();
    const err = new Error("550 5.1.1 <jan.jansen@example.nl>: user unknown");
    log.error(
      { email: "Jan.Jansen@Example.nl", to: "piet@example.org", subscriber: { email: "kees@example.com", ip: "203.0.113.9" }, ip: "198.51.100.7", token: "abc123secret", password: "hunter2", headers: { authorization: "Bearer x", cookie: "s=1" }, err },
      "mail to marie@example.be failed",
    );
    const line = lines[0];
    const text = JSON.stringify(line);
    for (const secret of ["Jansen", "jan.jansen", "piet@", "kees@", "marie@", "203.0.113.9", "198.51.100.7", "abc123secret", "hunter2", "Bearer x", "s=1"]) expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      email: "J***@example.nl", to: "p***@example.org", subscriber: { email: "k***@example.com", ip: "[redacted]" }, ip: "[redacted]",
      token: "[redacted]", password: "[redacted]", headers: { authorization: "[redacted]", cookie: "[redacted]" }, msg: "mail to m***@example.be failed",
    });
    expect((line.err as { message: string }).message).toBe("550 5.1.1 <j***@example.nl>: user unknown");
    expect((line.err as { stack: string }).stack).not.toContain("jan.jansen");
  });

  it("carries the request id of the request being handled, and none outside", async () => {
    const { log, lines } = capture();
    await runWithRequestId("r-1", async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.info("inside");
    });
    log.info("outside");
    expect(lines[0]).toMatchObject({ msg: "inside", reqId: "r-1" });
    expect(lines[1].reqId).toBeUndefined();
  });

  it("honours the level", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "warn", destination: { write: (s: string) => void lines.push(s) } });
    log.info("no");
    log.warn("yes");
    expect(lines).toHaveLength(1);
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the domain", () => {
    expect(maskEmail("jan@example.nl")).toBe("j***@example.nl");
    expect(maskEmail("garbage")).toBe("g***");
    expect(maskEmailsIn("from a@b.nl and c.d+e@f.example.org")).toBe("from a***@b.nl and c***@f.example.org");
    expect(maskEmailsIn("no address here")).toBe("no address here");
  });
});
