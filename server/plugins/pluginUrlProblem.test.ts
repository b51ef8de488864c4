import { describe, expect, it } from "vitest";
import { httpModelPlugin, PluginCallError } from "./httpModelPlugin";
import { isInternalAddress, pluginUrlProblem, type ResolveHost } from "./pluginUrlProblem";

/** A DNS that answers from a table, so no test depends on the network. */
const dns =
  (table: Record<string, string[]>): ResolveHost =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return found;
  };
const resolve = dns({
  "models.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
  localhost: ["127.0.0.1", "::1"],
  "rebind.example.com": ["93.184.216.34", "10.0.0.7"],
  "metadata.example.com": ["169.254.169.254"],
});
const problem = (url: string, allowPrivate = false) => pluginUrlProblem(url, { allowPrivate, resolve });

describe("pluginUrlProblem (SSRF guard for project model servers)", () => {
  it("accepts a public model server, by name or address", async () => {
    expect(await problem("https://models.example.com/v1")).toBeNull();
    expect(await problem("http://93.184.216.34:8000")).toBeNull();
    expect(await problem("http://[2606:2800:220:1::1]/")).toBeNull();
  });

  it("refuses loopback, link-local, private and metadata addresses, however they are written", async () => {
    for (const url of [
      "http://127.0.0.1:9000",
      "http://localhost:9000",
      "http://2130706433/", // 127.0.0.1 as one number: the URL parser normalises it
      "http://0x7f.1/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/", // 169.254.169.254, IPv4-mapped
      "http://[64:ff9b::a00:1]/", // 10.0.0.1 through NAT64
      "http://[fd12:3456::1]/",
      "http://[fe80::1]/",
      "http://169.254.169.254/latest/meta-data",
      "http://metadata.example.com/",
      "http://10.1.2.3/",
      "http://172.20.0.5/",
      "http://192.168.1.10/",
      "http://100.64.0.1/",
      "http://0.0.0.0:8080/",
    ])
      expect(await problem(url), url).toMatch(
        /loopback, link-local or private address.*PLUGIN_ALLOW_PRIVATE=1/,
      );
  });

  it("refuses a name with any internal address among public ones", async () => {
    expect(await problem("https://rebind.example.com")).toContain("10.0.0.7");
  });

  it("refuses what is not http(s) or does not resolve, even when private addresses are allowed", async () => {
    expect(await problem("ftp://models.example.com", true)).toContain("is not http(s)");
    expect(await problem("file:///etc/passwd", true)).toContain("is not http(s)");
    expect(await problem("not a url", true)).toContain("is not a URL");
    expect(await problem("http://nowhere.example.com")).toContain("does not resolve (ENOTFOUND)");
  });

  it("lets the admin allow private addresses (PLUGIN_ALLOW_PRIVATE=1)", async () => {
    expect(await problem("http://127.0.0.1:9000", true)).toBeNull();
    expect(await problem("http://10.1.2.3/", true)).toBeNull();
  });

  it("classifies addresses by their ranges' edges", () => {
    expect(isInternalAddress("172.15.255.255")).toBe(false);
    expect(isInternalAddress("172.16.0.0")).toBe(true);
    expect(isInternalAddress("172.31.255.255")).toBe(true);
    expect(isInternalAddress("172.32.0.0")).toBe(false);
    expect(isInternalAddress("100.63.255.255")).toBe(false);
    expect(isInternalAddress("8.8.8.8")).toBe(false);
    expect(isInternalAddress("::ffff:8.8.8.8")).toBe(false);
    expect(isInternalAddress("2001:4860:4860::8888")).toBe(false);
    expect(isInternalAddress("::")).toBe(true);
    expect(isInternalAddress("not-an-address")).toBe(true);
  });

  it("is checked again before every call: a stored loopback URL is refused, not fetched", async () => {
    const plugin = httpModelPlugin("http://127.0.0.1:9", "token");
    const call = plugin.track({ frames: [] });
    await expect(call).rejects.toThrow(PluginCallError);
    await expect(call).rejects.toThrow(/refused, url: 127\.0\.0\.1 is 127\.0\.0\.1/);
  });
});
