import { describe, it, expect } from "vitest";
import { BASE_LOCK_SECONDS, FREE_ATTEMPTS, lockUntilAfterFailure, MAX_LOCK_SECONDS } from "./sign-in-throttle";

const now = new Date("2026-03-15T10:00:00.000Z");
const lockSeconds = (failures: number, at = now) => {
  const until = lockUntilAfterFailure(failures, at);
  return until === null ? null : (until.getTime() - at.getTime()) / 1000;
};

describe("lockUntilAfterFailure", () => {
  it("has the documented constants", () => {
    expect([FREE_ATTEMPTS, BASE_LOCK_SECONDS, MAX_LOCK_SECONDS]).toEqual([5, 30, 900]);
  });

  it.each([0, 1, 2, 3, 4])("locks nothing after %i failures", (failures) => {
    expect(lockUntilAfterFailure(failures, now)).toBeNull();
  });

  it.each([
    [5, 30],
    [6, 60],
    [7, 120],
    [8, 240],
    [9, 480],
  ])("locks for a doubling time: failure %i → %i s", (failures, seconds) => {
    expect(lockSeconds(failures)).toBe(seconds);
  });

  it.each([10, 11, 20, 100, 5_000])("caps the lock at 900 s (failure %i)", (failures) => {
    expect(lockSeconds(failures)).toBe(MAX_LOCK_SECONDS);
  });

  it("counts the lock from `now`", () => {
    expect(lockUntilAfterFailure(5, now)).toEqual(new Date("2026-03-15T10:00:30.000Z"));
    const later = new Date("2030-01-01T23:59:45.500Z");
    expect(lockUntilAfterFailure(6, later)).toEqual(new Date("2030-01-02T00:00:45.500Z"));
    expect(lockSeconds(7, later)).toBe(120);
  });
});
