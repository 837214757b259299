import { describe, expect, it } from "vitest";
import { runNlpCommand } from "../../jobs/nlp/command";

async function usage(argv: string[]) {
  const lines: string[] = [];
  const code = await runNlpCommand(argv, (l) => lines.push(l));
  return { code, text: lines.join("\n") };
}

describe("npm run nlp arguments (validated before anything connects)", () => {
  it.each([
    [["--shard", "3/3"], /0 ≤ k < N/],
    [["--shard", "1"], /k\/N/],
    [["--kinds", "emails"], /kinds/],
    [["--batch", "0"], /batch/],
    [["--workers", "0"], /workers/],
    [["--workers", "two"], /workers/],
    [["--what"], /what/],
    [["stray"], /unexpected argument/],
  ])("%j is refused", async (argv, message) => {
    const r = await usage(argv);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(message);
    expect(r.text).toMatch(/usage: nlp/);
  });
});
