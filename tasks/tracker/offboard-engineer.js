async () => {
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const [users, teams, projects] = await Promise.all(["/users", "/teams", "/projects"].map((path) =>
    api.request({ method: "GET", path, query: { limit: 100 } }).then((r) => r.body.items)));
  const ben = users.find((u) => u.name === "Ben Carter");
  const sara = users.find((u) => u.name === "Sara Lindqvist");
  const [memberships, held] = await Promise.all([
    Promise.all(teams.map((t) => api.request({ method: "GET", path: `/teams/${t.id}/members`, query: { user_id: ben.id } })
      .then((r) => r.body.items.map((m) => `/teams/${t.id}/members/${m.id}`)))),
    Promise.all(projects.map((p) => all(`/projects/${p.id}/issues`, { assignee_id: ben.id })
      .then((items) => items.filter((i) => !["done", "cancelled"].includes(i.status)).map((i) => `/projects/${p.id}/issues/${i.id}`)))),
  ]);
  await Promise.all([
    api.request({ method: "PATCH", path: `/users/${ben.id}`, body: { active: false } }),
    ...memberships.flat().map((path) => api.request({ method: "DELETE", path })),
    ...held.flat().map((path) => api.request({ method: "PATCH", path, body: { assignee_id: sara.id } })),
  ]);
  return `Deactivated Ben Carter, removed ${memberships.flat().length} team memberships, and gave Sara Lindqvist ${held.flat().length} issues.`;
}
