(function (log, request, typed, names, spec, clock, wait) {
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
  if (clock) {
    // Date reads the API's clock (a mock episode's virtual clock when there is one).
    const RealDate = Date;
    const VirtualDate = function Date(...args) {
      if (new.target === undefined) return new RealDate(clock()).toString();
      return args.length === 0 ? new RealDate(clock()) : new RealDate(...args);
    };
    VirtualDate.prototype = RealDate.prototype;
    VirtualDate.now = () => clock();
    VirtualDate.parse = RealDate.parse;
    VirtualDate.UTC = RealDate.UTC;
    Object.defineProperty(globalThis, "Date", { value: VirtualDate, writable: false, configurable: false });
  }
  if (wait) {
    // Waits advance the API's clock; the limit per wait is checked by the host.
    const delay = (ms) => {
      const d = ms === undefined ? 0 : Number(ms);
      if (!(d >= 0)) throw new RangeError(`sleep(${ms}): the delay must be a number of milliseconds >= 0`);
      if (d > 60000) throw new RangeError(`sleep(${ms}): one wait is at most 60000 ms; wait in steps or check Retry-After`);
      return d;
    };
    const sleep = async (ms) => wait(delay(ms));
    let nextTimer = 1;
    const cancelled = new Set();
    const setTimeout = (fn, ms, ...args) => {
      const id = nextTimer++;
      wait(delay(ms)).then(() => {
        if (!cancelled.has(id) && typeof fn === "function") fn(...args);
      });
      return id;
    };
    const clearTimeout = (id) => {
      cancelled.add(id);
    };
    for (const [name, value] of [["sleep", sleep], ["setTimeout", setTimeout], ["clearTimeout", clearTimeout]]) {
      Object.defineProperty(globalThis, name, { value, writable: false, configurable: false });
    }
  }
  if (spec !== undefined) {
    Object.defineProperty(globalThis, "spec", { value: spec, writable: false, configurable: false });
  }
})
