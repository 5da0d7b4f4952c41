async () => {
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const cutoff = "2026-10-21T12:00:00Z";
  const projects = (await api.request({ method: "GET", path: "/projects", query: { limit: 100 } })).body.items;
  const stale = (await Promise.all(projects.map((p) => all(`/projects/${p.id}/issues`, { status: "in_review" })
    .then((items) => items.filter((i) => i.updated_at < cutoff).map((i) => ({ p, i })))))).flat();
  await Promise.all(stale.map(({ p, i }) => api.request({ method: "PATCH", path: `/projects/${p.id}/issues/${i.id}`, body: { status: "todo" } })));
  return `Moved ${stale.length} stale reviews back to todo: ${stale.map(({ i }) => i.key).join(", ")}.`;
}
