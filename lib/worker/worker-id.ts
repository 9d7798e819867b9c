// A worker's name in logs and row leases: host, pid and a random suffix (pids repeat across restarts).
import os from "node:os";
import { randomBytes } from "node:crypto";

export function newWorkerId() {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
