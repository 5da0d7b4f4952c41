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
  const open = (c) => bugs.filter((b) => b.component_id === c.id && !["done", "cancelled"].includes(b.status));
  const [top] = components.map((c) => [c, open(c)]).sort((a, b) => b[1].length - a[1].length);
  const [c, list] = top;
  const todo = list.filter((b) => !b.labels.includes("needs-triage"));
  await Promise.all(todo.map((b) => api.request({ method: "PATCH", path: `${base}/issues/${b.id}`, body: { labels: [...b.labels, "needs-triage"] } })));
  return `${c.name} has the most open bugs: ${list.length}. All of them are now labelled needs-triage.`;
}
