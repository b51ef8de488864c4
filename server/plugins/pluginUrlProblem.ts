import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** A host name's addresses (every A and AAAA record); injected in tests. */
export type ResolveHost = (host: string) => Promise<string[]>;

const resolveWithDns: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The environment variable with which a server's admin lets leads point plugins at internal addresses. */
export const ALLOW_PRIVATE_ENV = "PLUGIN_ALLOW_PRIVATE";

/**
 * Addresses a lead may not send the server to (SSRF): loopback, "this network", private (RFC 1918,
 * unique-local), carrier-grade NAT, link-local (169.254.169.254 is the cloud metadata service),
 * benchmarking, multicast and reserved ranges.
 */
const INTERNAL = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  INTERNAL.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  INTERNAL.addSubnet(net, bits, "ipv6");

/** The 8 16-bit groups of an IPv6 address (dotted IPv4 tail included), or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const b = dotted[1].split(".").map(Number);
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = b;
    text = `${text.slice(0, -dotted[1].length)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups =
    tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/**
 * True for an internal address. An IPv6 address carrying an IPv4 one (mapped ::ffff:a.b.c.d,
 * compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d) is judged by that IPv4 address: the URL parser
 * writes [::ffff:127.0.0.1] as [::ffff:7f00:1], which reaches the loopback all the same.
 */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, "ipv4");
  if (family !== 6) return true;
  const g = ipv6Groups(address);
  if (!g) return true;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = g;
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  const carriesV4 =
    (zeroHead && (g5 === 0xffff || g5 === 0)) ||
    (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0);
  if (carriesV4 && !(zeroHead && g5 === 0 && g6 === 0 && g7 <= 1)) {
    const v4 = `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
    return INTERNAL.check(v4, "ipv4");
  }
  return INTERNAL.check(address, "ipv6");
}

/**
 * Why the server must not call a model server at `url`, or null when it may: only http(s), and
 * (unless the admin set PLUGIN_ALLOW_PRIVATE=1) only hosts whose every address is public, so a
 * lead cannot make the server reach its own loopback, the cloud metadata service or the
 * internal network. Checked when a lead saves the URL and again before every call (DNS answers
 * change); the calls do not follow redirects.
 */
export async function pluginUrlProblem(
  url: string,
  o: { allowPrivate: boolean; resolve?: ResolveHost },
): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `url: ${url.slice(0, 80)} is not a URL`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `url: ${url.slice(0, 80)} is not http(s)`;
  if (o.allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else
    try {
      addresses = await (o.resolve ?? resolveWithDns)(host);
    } catch (e) {
      return `url: host ${host} does not resolve (${(e as { code?: string }).code ?? (e as Error).message})`;
    }
  if (addresses.length === 0) return `url: host ${host} has no address`;
  const internal = addresses.find(isInternalAddress);
  if (internal !== undefined)
    return `url: ${host} is ${internal}, a loopback, link-local or private address; the server's admin may allow those with ${ALLOW_PRIVATE_ENV}=1`;
  return null;
}
