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
  const sprint = (await api.request({ method: "GET", path: `${base}/sprints`, query: { state: "active" } })).body.items[0];
  const items = await all(`${base}/issues`, { sprint_id: sprint.id });
  const load = {};
  for (const i of items) if (i.assignee_id) load[i.assignee_id] = (load[i.assignee_id] || 0) + (i.story_points || 0);
  const [id, points] = Object.entries(load).sort((a, b) => b[1] - a[1])[0];
  const user = (await api.request({ method: "GET", path: `/users/${id}` })).body;
  return `${user.name} has ${points} story points in ${sprint.name}.`;
}
