// A real IMAP server for tests: Dovecot (apt-get install dovecot-imapd), started with its own config in a
// temporary directory on a free port, one user, plain-text login on 127.0.0.1. DOVECOT is null when it is
// not installed (the IMAP test then fails, saying how to install it).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const DOVECOT = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].find((p) => fs.existsSync(p)) ?? null;

const freePort = () => new Promise<number>((resolve) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });

export async function startDovecot(): Promise<{ port: number; user: string; pass: string; stop(): Promise<void> }> {
  if (!DOVECOT) throw new Error("dovecot is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = "bounces";
  const pass = "bounces-test-password";
  const home = path.join(dir, "home");
  fs.mkdirSync(path.join(home, user), { recursive: true });
  const uid = process.getuid?.() === 0 ? 65534 : process.getuid!();
  const gid = process.getuid?.() === 0 ? 65534 : process.getgid!();
  fs.chownSync(path.join(home, user), uid, gid);
  fs.writeFileSync(path.join(dir, "passwd"), `${user}:{PLAIN}${pass}::::::\n`);
  const conf = path.join(dir, "dovecot.conf");
  fs.writeFileSync(conf, [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `instance_name = pm-dovecot-${port}`,
    "protocols = imap",
    "listen = 127.0.0.1",
    "ssl = no",
    "disable_plaintext_auth = no",
    "auth_mechanisms = plain login",
    `log_path = ${dir}/dovecot.log`,
    `first_valid_uid = ${Math.min(uid, 1000)}`,
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${dir}/passwd\n}`,
    `userdb {\n  driver = static\n  args = uid=${uid} gid=${gid} home=${home}/%u\n}`,
    "mail_location = maildir:~/Maildir",
    `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    "service anvil {\n  chroot =\n}",
    "service imap-login {\n  chroot =\n}",
    "",
  ].join("\n"));
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (c) => (out += c));
  child.stderr?.on("data", (c) => (out += c));
  const end = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => net.connect(port, "127.0.0.1").once("connect", function (this: net.Socket) { this.destroy(); resolve(true); }).once("error", () => resolve(false)));
    if (up) break;
    if (child.exitCode !== null || Date.now() > end) {
      const logText = fs.existsSync(path.join(dir, "dovecot.log")) ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8") : "";
      child.kill();
      throw new Error(`dovecot did not start: ${out}\n${logText}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port, user, pass,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
