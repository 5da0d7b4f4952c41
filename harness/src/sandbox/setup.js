(function (log, request, typed, names, spec) {
  "use strict";
  const stringify = JSON.stringify;
  const fmt = (v) => {
    if (typeof v === "string") return v;
    try {
      const s = stringify(v);
      return s === undefined ? String(v) : s;
    } catch (e) {
      return String(v);
    }
  };
  const console = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    console[level] = (...args) => {
      log(level, args.map(fmt).join(" "));
    };
  }
  Object.freeze(console);
  Object.defineProperty(globalThis, "console", { value: console, writable: false, configurable: false });
  if (request) {
    const api = { request: (options) => request(options) };
    if (typed && names) {
      for (const n of names) api[n] = (input) => typed(n, input);
    }
    Object.freeze(api);
    Object.defineProperty(globalThis, "api", { value: api, writable: false, configurable: false });
  }
  if (spec !== undefined) {
    Object.defineProperty(globalThis, "spec", { value: spec, writable: false, configurable: false });
  }
})
