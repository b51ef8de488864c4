import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../app/api";
import { type Catalogue, flattenCatalogue } from "./catalogueKeys";
import en from "./en.json";
import { errorMessage } from "./errorMessage";
import { setLanguage } from "./i18n";
import zhCN from "./zh-CN.json";

afterEach(() => setLanguage("en"));

function serverCodes(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const c of serverCodes(path)) codes.add(c);
    else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name))
      for (const [, code, special] of readFileSync(path, "utf8").matchAll(
        /\berror: "([a-z-]+)"|"(invalid-upload|too-large)"/g,
      )) {
        const found = code ?? special;
        if (found) codes.add(found);
      }
  }
  return codes;
}

describe("server error codes in the UI language", () => {
  it("every code the server replies with has a message in both catalogues", () => {
    const codes = serverCodes(new URL("../../server", import.meta.url).pathname);
    expect(codes.size).toBeGreaterThan(10);
    for (const cat of [en, zhCN]) {
      const flat = flattenCatalogue(cat as Catalogue);
      const missing = [...codes].filter((c) => !flat.has(`errors.codes.${c}`));
      expect(missing).toEqual([]);
    }
  });

  it("shows the code's sentence, with the server's specifics where they matter, else the server text", () => {
    setLanguage("zh-CN");
    expect(errorMessage(new ApiError("/api/x", 403, "your role may not edit", "forbidden"))).toBe(
      "您的角色无权执行此操作",
    );
    expect(errorMessage(new ApiError("/api/x", 400, "name: too long", "invalid-request"))).toBe(
      "请求无效：name: too long",
    );
    expect(errorMessage(new ApiError("/api/x", 418, "teapot", "brand-new-code"))).toBe("teapot");
    expect(errorMessage(new ApiError("/api/x", 0, "Failed to fetch"))).toMatch(/无法连接服务器/);
    expect(errorMessage(new ApiError("/api/x", 401, "wrong user name or password", "bad-credentials"))).toBe(
      "密码（或用户名）错误",
    );
    setLanguage("en"); // the server's English message is already in the user's language
    expect(errorMessage(new ApiError("/api/x", 401, "wrong user name or password", "bad-credentials"))).toBe(
      "wrong user name or password",
    );
    expect(errorMessage(new ApiError("/api/x", 403, "", "forbidden"))).toBe("Your role may not do this");
  });
});
