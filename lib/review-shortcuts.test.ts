import { describe, expect, it } from "vitest";
import { type ElementLike, type KeyPress, SHORTCUTS, shortcutFor, type TargetKind, targetKindOf } from "./review-shortcuts";

const key = (k: string, mods: Omit<KeyPress, "key"> = {}): KeyPress => ({ key: k, ...mods });
const ALL_TARGETS: TargetKind[] = ["text", "select", "choice", "button", "link", "dialog", "other"];

describe("shortcutFor: findings", () => {
  it.each([
    ["1", "PASS"],
    ["p", "PASS"],
    ["P", "PASS"],
    ["2", "FAIL"],
    ["f", "FAIL"],
    ["3", "UNKNOWN"],
    ["u", "UNKNOWN"],
  ])("%s chooses %s on the page and on a finding button", (k, finding) => {
    expect(shortcutFor(key(k), "other")).toEqual({ type: "finding", finding });
    expect(shortcutFor(key(k), "choice")).toEqual({ type: "finding", finding });
  });

  it.each(["p", "f", "u", "1", "2", "3", "j", "k", "n", "e", "c", "o", "[", "]", "?"])("%s never fires while typing in a text field or a select", (k) => {
    expect(shortcutFor(key(k), "text")).toBeNull();
    expect(shortcutFor(key(k), "select")).toBeNull();
  });

  it("an owner name typed in the field never changes the finding", () => {
    for (const ch of "platform-fu@example.org") expect(shortcutFor(key(ch), "text")).toBeNull();
  });

  it.each([{ ctrlKey: true }, { metaKey: true }, { altKey: true }, { shiftKey: true }])("letters and digits do nothing with a modifier %j", (mods) => {
    for (const k of ["p", "f", "u", "1", "j", "e", "c"]) expect(shortcutFor(key(k, mods), "other")).toBeNull();
  });

  it("does nothing inside the open overlay or while composing text", () => {
    expect(shortcutFor(key("f"), "dialog")).toBeNull();
    expect(shortcutFor(key("Enter"), "dialog")).toBeNull();
    expect(shortcutFor(key("f", { isComposing: true }), "other")).toBeNull();
  });

  it("ignores unknown keys", () => {
    for (const k of ["x", "a", "Tab", " ", "ArrowDown", "F5"]) expect(shortcutFor(key(k), "other")).toBeNull();
  });
});

describe("shortcutFor: save", () => {
  it("Enter saves from the page, a finding button or a checkbox", () => {
    for (const t of ["other", "choice"] as const) expect(shortcutFor(key("Enter"), t)).toEqual({ type: "save" });
  });

  it("plain Enter is left to text fields, selects, buttons and links", () => {
    for (const t of ["text", "select", "button", "link"] as const) expect(shortcutFor(key("Enter"), t)).toBeNull();
  });

  it("Ctrl+Enter and ⌘+Enter save from anywhere outside the overlay, also from the note", () => {
    for (const t of ALL_TARGETS.filter((t) => t !== "dialog")) {
      expect(shortcutFor(key("Enter", { ctrlKey: true }), t)).toEqual({ type: "save" });
      expect(shortcutFor(key("Enter", { metaKey: true }), t)).toEqual({ type: "save" });
    }
  });

  it("a held-down Enter saves once, and Shift/Alt+Enter do not save", () => {
    expect(shortcutFor(key("Enter", { repeat: true }), "other")).toBeNull();
    expect(shortcutFor(key("Enter", { ctrlKey: true, repeat: true }), "text")).toBeNull();
    expect(shortcutFor(key("Enter", { shiftKey: true }), "other")).toBeNull();
    expect(shortcutFor(key("Enter", { altKey: true }), "other")).toBeNull();
  });
});

describe("shortcutFor: moving around", () => {
  it.each([
    ["j", { type: "navigate", to: "nextInQueue" }],
    ["n", { type: "navigate", to: "nextInQueue" }],
    ["k", { type: "navigate", to: "previousInQueue" }],
    ["]", { type: "navigate", to: "next" }],
    ["[", { type: "navigate", to: "previous" }],
    ["e", { type: "focus", to: "evidence" }],
    ["o", { type: "focus", to: "owner" }],
    ["c", { type: "copyQuery" }],
  ])("%s → %j", (k, action) => {
    expect(shortcutFor(key(k), "other")).toEqual(action);
  });

  it("a held-down navigation key moves once; a held finding key is harmless", () => {
    expect(shortcutFor(key("j", { repeat: true }), "other")).toBeNull();
    expect(shortcutFor(key("f", { repeat: true }), "other")).toEqual({ type: "finding", finding: "FAIL" });
  });

  it("? opens the overlay (its key is already shifted) but not while typing", () => {
    expect(shortcutFor(key("?", { shiftKey: true }), "other")).toEqual({ type: "help" });
    expect(shortcutFor(key("?", { shiftKey: true }), "button")).toEqual({ type: "help" });
    expect(shortcutFor(key("?", { shiftKey: true }), "text")).toBeNull();
    expect(shortcutFor(key("?", { ctrlKey: true }), "other")).toBeNull();
  });

  it("Escape leaves a text field or select, and is left alone elsewhere", () => {
    expect(shortcutFor(key("Escape"), "text")).toEqual({ type: "leaveField" });
    expect(shortcutFor(key("Escape"), "select")).toEqual({ type: "leaveField" });
    expect(shortcutFor(key("Escape"), "other")).toBeNull();
    expect(shortcutFor(key("Escape"), "dialog")).toBeNull();
  });
});

describe("SHORTCUTS (the overlay's list)", () => {
  it("lists every single key shortcutFor answers to", () => {
    const listed = new Set(SHORTCUTS.flatMap((s) => s.keys.map((k) => k.toLowerCase())));
    for (const k of ["1", "p", "2", "f", "3", "u", "j", "n", "k", "[", "]", "o", "e", "c", "?", "enter", "ctrl+enter", "esc"]) expect(listed).toContain(k);
    for (const k of "abcdefghijklmnopqrstuvwxyz0123456789[]?") {
      if (shortcutFor(key(k), "other") !== null) expect(listed).toContain(k);
    }
  });
});

describe("targetKindOf", () => {
  const el = (tagName: string, attrs: Record<string, string> = {}, extra: Partial<ElementLike> = {}): ElementLike => ({
    tagName,
    getAttribute: (n) => attrs[n] ?? null,
    closest: () => null,
    ...extra,
  });

  it.each([
    [el("INPUT"), "text"],
    [el("INPUT", { type: "text" }), "text"],
    [el("input", { type: "EMAIL" }), "text"],
    [el("INPUT", { type: "url" }), "text"],
    [el("INPUT", { type: "number" }), "text"],
    [el("TEXTAREA"), "text"],
    [el("DIV", {}, { isContentEditable: true }), "text"],
    [el("SELECT"), "select"],
    [el("INPUT", { type: "radio" }), "choice"],
    [el("INPUT", { type: "checkbox" }), "choice"],
    [el("INPUT", { type: "submit" }), "button"],
    [el("INPUT", { type: "file" }), "button"],
    [el("BUTTON"), "button"],
    [el("A"), "link"],
    [el("BODY"), "other"],
    [el("INPUT", { type: "range" }), "other"],
  ] as const)("%j is %s", (element, kind) => {
    expect(targetKindOf(element)).toBe(kind);
  });

  it("anything inside an open dialog is the dialog", () => {
    expect(targetKindOf(el("INPUT", { type: "text" }, { closest: (s) => (s === "dialog[open]" ? {} : null) }))).toBe("dialog");
  });

  it("no focused element is the page", () => {
    expect(targetKindOf(null)).toBe("other");
  });
});
