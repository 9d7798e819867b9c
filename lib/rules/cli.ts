// `npx tsx lib/rules/cli.ts decide|lint` reads one JSON object from stdin and prints one line of JSON.
// The only file of the module that does I/O; the rules themselves stay pure.
import type { z } from "zod";
import { factsSchema } from "./facts";
import { decideSend } from "./decide-send";
import { formLintInputSchema } from "./form-input";
import { lintForm } from "./lint-form";
import { formatIssue } from "./format-issue";

const USAGE = `usage: rules <command> < input.json
  decide   read one complete facts object (catalogue §2.1), print the send decision
  lint     read one signup form definition, print { ok, violations }
exit codes: 0 = answered (also when denied or not ok), 2 = bad input or usage`;

type Command = { root: string; answer: (json: unknown) => { ok: true; out: unknown } | { ok: false; error: z.ZodError } };

/** A command whose rule function takes exactly what its schema parses. */
function defineCommand<T>(schema: z.ZodType<T>, root: string, run: (input: T) => unknown): Command {
  return {
    root,
    answer: (json) => {
      const parsed = schema.safeParse(json, { reportInput: true });
      return parsed.success ? { ok: true, out: run(parsed.data) } : { ok: false, error: parsed.error };
    },
  };
}

const COMMANDS: Record<string, Command> = {
  decide: defineCommand(factsSchema, "facts", decideSend),
  lint: defineCommand(formLintInputSchema, "form", lintForm),
};

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const arg = process.argv[2];
if (arg === "--help" || arg === "-h") {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const command = arg === undefined ? undefined : COMMANDS[arg];
if (!command) fail(`${arg === undefined ? "error: no command" : `error: unknown command "${arg}"`}\n${USAGE}`);

let json: unknown;
try {
  json = JSON.parse(await readStdin());
} catch (e) {
  fail(`error: malformed JSON on stdin: ${(e as Error).message.replace(/\s+/g, " ")}`);
}
const answer = command.answer(json);
if (!answer.ok) fail(`error: ${formatIssue(answer.error, command.root)}`);
process.stdout.write(`${JSON.stringify(answer.out)}\n`);
