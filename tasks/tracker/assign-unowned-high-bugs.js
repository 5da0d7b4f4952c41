async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const [pay, users] = await Promise.all([project("PAY"), api.request({ method: "GET", path: "/users", query: { name: "Marcus Chen" } })]);
  const marcus = users.body.items[0];
  const base = `/projects/${pay.id}/issues`;
  const found = (await Promise.all(["high", "urgent"].map((priority) => all(base, { type: "bug", priority })))).flat()
    .filter((i) => !i.assignee_id && !["done", "cancelled"].includes(i.status));
  await Promise.all(found.map((i) => api.request({ method: "PATCH", path: `${base}/${i.id}`, body: { assignee_id: marcus.id } })));
  return `Assigned ${found.length} bugs to Marcus Chen: ${found.map((i) => i.key).join(", ")}.`;
}
