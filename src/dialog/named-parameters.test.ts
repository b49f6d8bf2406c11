// Named parameters: names become $1..$n in the order given, and values follow that order.
import { describe, expect, it } from "vitest";
import { namedParameters, NamedParameterError } from "./named-parameters.js";

describe("namedParameters", () => {
  it("numbers names in order and lists values in the same order", () => {
    const p = namedParameters(["dialogId", "turnId", "texts"]);
    expect(p.refs).toEqual({ dialogId: "$1", turnId: "$2", texts: "$3" });
    expect(`WHERE id = ${p.refs.dialogId} AND turn = ${p.refs.turnId}`).toBe("WHERE id = $1 AND turn = $2");
    expect(p.values({ texts: ["a"], turnId: 7, dialogId: "tg:1" })).toEqual(["tg:1", 7, ["a"]]);
  });

  it("refuses a name given twice", () => {
    expect(() => namedParameters(["a", "b", "a"])).toThrow(NamedParameterError);
  });
});
