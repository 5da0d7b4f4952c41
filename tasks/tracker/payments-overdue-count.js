async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const pay = await project("PAY");
  const today = "2026-11-20";
  const items = await all(`/projects/${pay.id}/issues`);
  const overdue = items.filter((i) => i.due_date && i.due_date < today && !["done", "cancelled"].includes(i.status));
  await Promise.all(overdue.map((i) => api.request({ method: "PATCH", path: `/projects/${pay.id}/issues/${i.id}`, body: { labels: [...i.labels, "overdue"] } })));
  return `${overdue.length} Payments issues are overdue; each now carries the overdue label.`;
}
