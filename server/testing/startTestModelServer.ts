import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { detectRequestSchema, trackRequestSchema } from "../../core/api/modelPlugin";
import { must } from "../../core/model/must";

export interface TestModelServer {
  url: string;
  /** Every call: its path, the frame names it carried, and the points' count. */
  calls: Array<{ path: string; frames: string[]; points?: number }>;
  /** While set, detect calls wait for it (a slow model: cancel tests). */
  hold: Promise<void> | null;
  /** "bad-reply": detect answers boxes without a score. */
  mode: "ok" | "bad-reply";
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

/**
 * A team's model server, for tests: a real HTTP server on loopback that checks the bearer token,
 * validates our requests against the contract, "detects" one Car per frame at the points' mean x
 * (y and z at 0) and tracks all of them as one object "obj-1".
 */
export async function startTestModelServer(token: string): Promise<TestModelServer> {
  const state: TestModelServer = {
    url: "",
    calls: [],
    hold: null,
    mode: "ok",
    close: async () => {},
  };
  const model = { name: "test-detector", version: "0.1" };
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { error: "bad token" });
    const json = JSON.parse(await readBody(req));
    if (req.url === "/detect") {
      const parsed = detectRequestSchema.safeParse(json);
      if (!parsed.success) return reply(400, { error: parsed.error.message });
      const { frame, points } = parsed.data;
      state.calls.push({ path: "/detect", frames: [frame.name], points: points.count });
      if (state.hold) await state.hold;
      const bytes = Buffer.from(points.xyz, "base64");
      const xyz = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      let sx = 0;
      for (let i = 0; i < points.count; i++) sx += must(xyz[3 * i], "xyz[3 * i]");
      const x = points.count ? sx / points.count + points.originM[0] : 0;
      const box = { class: "Car", center: [x, 0, 0], size: [4, 2, 1.5], yaw: 0 };
      return reply(200, { model, boxes: [state.mode === "bad-reply" ? box : { ...box, score: 0.9 }] });
    }
    if (req.url === "/track") {
      const parsed = trackRequestSchema.safeParse(json);
      if (!parsed.success) return reply(400, { error: parsed.error.message });
      state.calls.push({ path: "/track", frames: parsed.data.frames.map((f) => f.name) });
      return reply(200, {
        model,
        frames: parsed.data.frames.map((f) => ({
          name: f.name,
          boxes: f.boxes.map((b) => ({ ...b, trackId: "obj-1" })),
        })),
      });
    }
    reply(404, { error: "no such call" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
