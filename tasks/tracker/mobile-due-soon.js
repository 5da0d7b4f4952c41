async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const mob = await project("MOB");
  const items = await all(`/projects/${mob.id}/issues`);
  const due = items.filter((i) => i.due_date && i.due_date >= "2026-11-20" && i.due_date <= "2026-12-04" && !["done", "cancelled"].includes(i.status));
  await Promise.all(due.map((i) => api.request({ method: "PATCH", path: `/projects/${mob.id}/issues/${i.id}`, body: { labels: [...i.labels, "due-soon"] } })));
  return due.map((i) => `${i.key} (due ${i.due_date})`).join(", ");
}
