async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const web = await project("WEB");
  const base = `/projects/${web.id}/issues`;
  const bugs = await all(base, { type: "bug" });
  const hits = bugs.filter((i) => /safari/i.test(i.title) && !["done", "cancelled"].includes(i.status));
  const todo = hits.filter((i) => !i.labels.includes("regression"));
  await Promise.all(todo.map((i) => api.request({ method: "PATCH", path: `${base}/${i.id}`, body: { labels: [...i.labels, "regression"] } })));
  return `Labelled ${todo.length} Safari bugs (${hits.length} open in total): ${hits.map((i) => i.key).join(", ")}.`;
}
