// A refusal or failure the CLIs print as one line (no stack trace) and exit 1 with.
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}
