async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const pay = await project("PAY");
  const base = `/projects/${pay.id}`;
  const sprints = (await api.request({ method: "GET", path: `${base}/sprints`, query: { limit: 100 } })).body.items;
  const from = sprints.find((s) => s.name === "PAY Sprint 42");
  const to = sprints.find((s) => s.name === "PAY Sprint 43");
  const moving = await all(`${base}/issues`, { sprint_id: from.id });
  await Promise.all(moving.map((i) => api.request({ method: "PATCH", path: `${base}/issues/${i.id}`, body: { sprint_id: to.id } })));
  return `Moved ${moving.length} issues from PAY Sprint 42 to PAY Sprint 43.`;
}
