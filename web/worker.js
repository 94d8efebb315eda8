// The Web Worker: all parsing and every download is made here, in WebAssembly, so the
// page stays responsive. Messages in: {id, cmd, ...}; out: {id, ok, ...}.
import init, { parse, layout, xlsx, csv_wide, csv_tidy, version } from "./pkg/gongkai_wasm.js";

const ready = init();

self.onmessage = async (event) => {
  const { id, cmd } = event.data;
  try {
    await ready;
    let reply;
    if (cmd === "parse") {
      const t0 = performance.now();
      const json = parse(new Uint8Array(event.data.bytes), event.data.name);
      reply = { json, ms: performance.now() - t0 };
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
    self.postMessage({ id, ok: false, error: String(e && e.message ? e.message : e) });
  }
};
