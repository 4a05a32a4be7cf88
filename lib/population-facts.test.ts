import { describe, expect, it } from "vitest";
import { identityHash, identityHashOfBytes } from "./population-facts";

describe("identityHash", () => {
  it("is FNV-1a (32-bit) over the UTF-8 bytes, never 0", () => {
    // Reference values of FNV-1a 32 (offset basis 0x811c9dc5, prime 0x01000193).
    expect(identityHash("")).toBe(0x811c9dc5);
    expect(identityHash("a")).toBe(0xe40c292c);
    expect(identityHash("foobar")).toBe(0xbf9cf968);
    const bytes = new TextEncoder().encode("é");
    expect(identityHash("é")).toBe(identityHashOfBytes(bytes, 0, bytes.length));
  });
});
