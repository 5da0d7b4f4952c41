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
  const [sprint, bugs] = await Promise.all([
    api.request({ method: "POST", path: `${base}/sprints`, body: { name: "PAY Sprint 44", goal: "Bug bash", start_date: "2026-12-14", end_date: "2026-12-27" } }).then((r) => r.body),
    all(`${base}/issues`, { type: "bug" }),
  ]);
  const rank = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 };
  const pick = bugs.filter((i) => !i.sprint_id && !["done", "cancelled"].includes(i.status))
    .sort((a, b) => rank[a.priority] - rank[b.priority] || a.created_at.localeCompare(b.created_at)).slice(0, 5);
  await Promise.all(pick.map((i) => api.request({ method: "PATCH", path: `${base}/issues/${i.id}`, body: { sprint_id: sprint.id } })));
  return `Created ${sprint.name} with ${pick.map((i) => i.key).join(", ")}.`;
}
