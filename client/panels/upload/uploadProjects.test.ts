import { describe, expect, it } from "vitest";
import type { Me } from "../../app/session";
import { uploadProjects } from "./uploadProjects";

const me = (isAdmin: boolean): Me => ({
  user: { id: "u", username: "u", displayName: "u", isAdmin },
  projects: [
    { id: "p3", name: "Zeta", role: "lead" },
    { id: "p1", name: "Alpha", role: "annotator" },
    { id: "p2", name: "Beta", role: "admin" },
    { id: "p4", name: "Gamma", role: "viewer" },
  ],
});

describe("uploadProjects", () => {
  it("offers a member only the projects they lead or administer, by name", () => {
    expect(uploadProjects(me(false), null).map((p) => p.name)).toEqual(["Beta", "Zeta"]);
  });
  it("offers an admin every project once the list arrives", () => {
    expect(uploadProjects(me(true), null)).toEqual([]);
    const all = [
      { id: "p9", name: "Omega" },
      { id: "p1", name: "Alpha" },
    ];
    expect(uploadProjects(me(true), all).map((p) => p.id)).toEqual(["p1", "p9"]);
  });
});
