async () => {
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const projects = (await api.request({ method: "GET", path: "/projects", query: { limit: 100 } })).body.items;
  const dups = (await Promise.all(projects.map((p) => all(`/projects/${p.id}/issues`, { labels: "duplicate" })
    .then((items) => items.filter((i) => !["done", "cancelled"].includes(i.status)).map((i) => ({ p, i })))))).flat();
  await Promise.all(dups.map(({ p, i }) => api.request({ method: "PATCH", path: `/projects/${p.id}/issues/${i.id}`, body: { status: "cancelled" } })));
  return `Cancelled ${dups.length} duplicates: ${dups.map(({ i }) => i.key).join(", ")}.`;
}
