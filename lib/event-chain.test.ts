import { describe, it, expect } from "vitest";
import { eventHash, firstBrokenLink, GENESIS_HASH, type ChainedEvent } from "./event-chain";
import { sha256Hex } from "./checksum";

type Entry = ChainedEvent & { prevHash: string; hash: string };

const event = (i: number, overrides: Partial<ChainedEvent> = {}): ChainedEvent => ({
  auditId: 1,
  actorId: 10 + i,
  type: `event.${i}`,
  payload: JSON.stringify({ i }),
  createdAt: `2026-01-01T00:00:0${i}.000Z`,
  ...overrides,
});

/** Chains events the way the event log does: each entry hashed onto the previous hash. */
const chainOf = (events: ChainedEvent[]): Entry[] => {
  const out: Entry[] = [];
  let prev = GENESIS_HASH;
  for (const e of events) {
    const hash = eventHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
};

describe("eventHash", () => {
  const e = event(1);

  it("is deterministic", () => {
    expect(eventHash(GENESIS_HASH, e)).toBe(eventHash(GENESIS_HASH, { ...e }));
    expect(eventHash(GENESIS_HASH, e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the SHA-256 of [prevHash, auditId, actorId, type, payload, createdAt] as JSON", () => {
    expect(eventHash(GENESIS_HASH, e)).toBe(sha256Hex(JSON.stringify([GENESIS_HASH, 1, 11, "event.1", '{"i":1}', "2026-01-01T00:00:01.000Z"])));
  });

  it.each<[string, Partial<ChainedEvent>]>([
    ["auditId", { auditId: 2 }],
    ["auditId to null", { auditId: null }],
    ["actorId", { actorId: 99 }],
    ["actorId to null", { actorId: null }],
    ["type", { type: "event.other" }],
    ["payload", { payload: '{"i":2}' }],
    ["createdAt", { createdAt: "2026-01-01T00:00:01.001Z" }],
  ])("changes when %s changes", (_, change) => {
    expect(eventHash(GENESIS_HASH, { ...e, ...change })).not.toBe(eventHash(GENESIS_HASH, e));
  });

  it("changes when prevHash changes", () => {
    expect(eventHash("f".repeat(64), e)).not.toBe(eventHash(GENESIS_HASH, e));
  });

  it("does not confuse field boundaries", () => {
    expect(eventHash(GENESIS_HASH, event(1, { type: "a", payload: "bc" }))).not.toBe(eventHash(GENESIS_HASH, event(1, { type: "ab", payload: "c" })));
  });
});

describe("firstBrokenLink", () => {
  it("starts the chain at GENESIS_HASH (64 zeros)", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    const chain = chainOf([event(0)]);
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    expect(firstBrokenLink(chain)).toBe(-1);
  });

  it("returns -1 for an empty chain", () => {
    expect(firstBrokenLink([])).toBe(-1);
  });

  it("returns -1 for an intact chain", () => {
    expect(firstBrokenLink(chainOf([0, 1, 2, 3, 4].map((i) => event(i))))).toBe(-1);
  });

  it("flags a first entry that does not start at GENESIS_HASH", () => {
    const e = event(0);
    const prevHash = "1".repeat(64);
    expect(firstBrokenLink([{ ...e, prevHash, hash: eventHash(prevHash, e) }])).toBe(0);
  });

  it.each<[string, Partial<ChainedEvent>]>([
    ["payload", { payload: '{"i":"forged"}' }],
    ["actorId", { actorId: 1 }],
    ["type", { type: "event.forged" }],
    ["createdAt", { createdAt: "2025-12-31T00:00:00.000Z" }],
    ["auditId", { auditId: null }],
  ])("returns the index of an entry whose %s was tampered with", (_, change) => {
    const chain = chainOf([0, 1, 2, 3, 4].map((i) => event(i)));
    chain[2] = { ...chain[2], ...change };
    expect(firstBrokenLink(chain)).toBe(2);
  });

  it("returns the index of an entry whose stored hash was replaced", () => {
    const chain = chainOf([0, 1, 2, 3].map((i) => event(i)));
    chain[3] = { ...chain[3], hash: "a".repeat(64) };
    expect(firstBrokenLink(chain)).toBe(3);
  });

  it("catches a tampered entry that was re-hashed, at the entry after it", () => {
    const chain = chainOf([0, 1, 2, 3].map((i) => event(i)));
    const forged = { ...chain[1], payload: '{"i":"forged"}' };
    chain[1] = { ...forged, hash: eventHash(forged.prevHash, forged) };
    expect(firstBrokenLink(chain)).toBe(2);
  });

  it("returns the index just after a removed entry", () => {
    const chain = chainOf([0, 1, 2, 3, 4].map((i) => event(i)));
    chain.splice(2, 1);
    expect(firstBrokenLink(chain)).toBe(2);
  });

  it("returns 0 when the first entry is removed", () => {
    const chain = chainOf([0, 1, 2].map((i) => event(i)));
    expect(firstBrokenLink(chain.slice(1))).toBe(0);
  });

  it("returns the index where two entries were swapped", () => {
    const chain = chainOf([0, 1, 2, 3].map((i) => event(i)));
    [chain[1], chain[2]] = [chain[2], chain[1]];
    expect(firstBrokenLink(chain)).toBe(1);
  });
});
