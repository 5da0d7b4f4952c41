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
  const sprint = (await api.request({ method: "GET", path: `${base}/sprints`, query: { name: "PAY Sprint 36" } })).body.items[0];
  const items = await all(`${base}/issues`, { sprint_id: sprint.id });
  const logs = await Promise.all(items.map((i) => all(`${base}/issues/${i.id}/worklogs`)));
  const hours = logs.flat().reduce((s, w) => s + w.hours, 0);
  return `${hours} hours were logged on the ${items.length} issues of PAY Sprint 36.`;
}
