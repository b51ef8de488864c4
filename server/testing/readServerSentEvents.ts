/** One Server-Sent Event as the browser's EventSource would hand it over. */
import { must } from "../../core/model/must";
export interface ServerSentEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * Reads a text/event-stream response event by event: `next(match)` resolves with the next event
 * that `match` accepts (earlier ones are dropped); `close()` cancels the stream.
 */
export function readServerSentEvents(res: Response) {
  const reader = must(res.body, "res.body").pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const queue: ServerSentEvent[] = [];
  const parse = () => {
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const e: ServerSentEvent = { event: "message", data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
        if (field === "event") e.event = value;
        else if (field === "id") e.id = value;
        else if (field === "data") data.push(value);
      }
      if (data.length === 0) continue;
      e.data = data.join("\n");
      queue.push(e);
    }
  };
  return {
    async next(match: (e: ServerSentEvent) => boolean = () => true): Promise<ServerSentEvent> {
      for (;;) {
        while (queue.length > 0) {
          const e = must(queue.shift(), "queue.shift()");
          if (match(e)) return e;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("the event stream ended");
        buffer += value;
        parse();
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
