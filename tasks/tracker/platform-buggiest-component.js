async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const plat = await project("PLAT");
  const base = `/projects/${plat.id}`;
  const [components, bugs] = await Promise.all([
    api.request({ method: "GET", path: `${base}/components`, query: { limit: 100 } }).then((r) => r.body.items),
    all(`${base}/issues`, { type: "bug" }),
  ]);
  const counts = components.map((c) => [c.name, bugs.filter((b) => b.component_id === c.id && !["done", "cancelled"].includes(b.status)).length]);
  const [name, n] = counts.sort((a, b) => b[1] - a[1])[0];
  return `${name} has the most open bugs: ${n}.`;
}
