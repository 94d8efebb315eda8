// The Web Worker: all parsing and every download is made here, in WebAssembly, so the
// page stays responsive. Messages in: {id, cmd, ...}; out: {id, ok, ...}.
import init, { parse, not_read_reason, layout, xlsx, csv_wide, csv_tidy, version } from "./pkg/gongkai_wasm.js";

const ready = init();

self.onmessage = async (event) => {
  const { id, cmd } = event.data;
  try {
    await ready;
    let reply;
    if (cmd === "parse") {
      const t0 = performance.now();
      const parsed = parse(new Uint8Array(event.data.bytes), event.data.name);
      const ms = performance.now() - t0;
      reply = { json: parsed.json, ms, messagesZh: JSON.parse(parsed.messages_zh) };
      parsed.free();
    } else if (cmd === "notRead") {
      reply = { reason: JSON.parse(not_read_reason(event.data.name)) };
    } else if (cmd === "layout") {
      reply = { layouts: { "2019": JSON.parse(layout("2019")), "2021": JSON.parse(layout("2021")) },
                version: version() };
    } else if (cmd === "xlsx") {
      const bytes = xlsx(event.data.sources, event.data.jsons);
      reply = { bytes };
    } else if (cmd === "csv") {
      reply = { text: csv_wide(event.data.sources, event.data.jsons) };
    } else if (cmd === "tidy") {
      reply = { text: csv_tidy(event.data.sources, event.data.jsons) };
    } else {
      throw new Error(`unknown command ${cmd}`);
    }
    self.postMessage({ id, ok: true, ...reply });
  } catch (e) {
    // A refusal of the core comes as JSON {code, message, message_zh}; anything else
    // (a bug, a lost module) is passed on as its text, in both languages.
    const text = String(e && e.message ? e.message : e);
    let error;
    try { error = JSON.parse(text); } catch { error = null; }
    if (!error || typeof error.message !== "string") error = { code: "internal", message: text, message_zh: text };
    self.postMessage({ id, ok: false, error });
  }
};
