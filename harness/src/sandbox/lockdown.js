(() => {
  const seen = new Set();
  const stack = [globalThis];
  while (stack.length) {
    const o = stack.pop();
    if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) continue;
    seen.add(o);
    Object.freeze(o);
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d) stack.push(d.value, d.get, d.set);
    }
    stack.push(Object.getPrototypeOf(o));
  }
})();
