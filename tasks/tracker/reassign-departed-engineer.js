async () => {
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const users = (await api.request({ method: "GET", path: "/users", query: { limit: 200 } })).body.items;
  const tom = users.find((u) => u.name === "Tom Becker");
  const sofia = users.find((u) => u.name === "Sofia Alvarez");
  const projects = (await api.request({ method: "GET", path: "/projects", query: { limit: 100 } })).body.items;
  const held = (await Promise.all(projects.map((p) => all(`/projects/${p.id}/issues`, { assignee_id: tom.id })
    .then((items) => items.map((i) => ({ p, i })))))).flat().filter(({ i }) => !["done", "cancelled"].includes(i.status));
  await Promise.all(held.map(({ p, i }) => api.request({ method: "PATCH", path: `/projects/${p.id}/issues/${i.id}`, body: { assignee_id: sofia.id } })));
  return `Reassigned ${held.length} issues from Tom Becker to Sofia Alvarez: ${held.map(({ i }) => i.key).join(", ")}.`;
}
