async () => {
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const projects = (await api.request({ method: "GET", path: "/projects", query: { limit: 100 } })).body.items;
  const urgent = (await Promise.all(projects.map((p) => all(`/projects/${p.id}/issues`, { priority: "urgent" })))).flat()
    .filter((i) => !["done", "cancelled"].includes(i.status))
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
  const oldest = urgent[0];
  const project = projects.find((p) => oldest.key.startsWith(`${p.key}-`));
  await api.request({ method: "POST", path: `/projects/${project.id}/issues/${oldest.id}/comments`, body: { body: "This urgent issue has been open the longest of all. Could the assignee post a status update?" } });
  return `${oldest.key} "${oldest.title}", open since ${oldest.created_at}.`;
}
