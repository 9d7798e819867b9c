import { describe, it, expect } from "vitest";
import { bindAction } from "./bind-action.ts";

describe("bindAction", () => {
  const save = async (id: string | null, prev: { n: number }, form: string) => ({ id, n: prev.n + 1, form });

  it("is the same function for the same action and argument, on every render", async () => {
    const a = bindAction(save, "nl-1");
    expect(bindAction(save, "nl-1")).toBe(a);
    expect(bindAction(save, "nl-2")).not.toBe(a);
    expect(bindAction(save, null)).toBe(bindAction(save, null));
    expect(await a({ n: 1 }, "f")).toEqual({ id: "nl-1", n: 2, form: "f" });
  });

  it("another action with the same argument is bound on its own", () => {
    const other = async (id: string | null) => id;
    expect(bindAction(other, "nl-1")).not.toBe(bindAction(save, "nl-1"));
  });
});
