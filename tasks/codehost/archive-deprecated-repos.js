async () => {
  const repos = (await api.request({ method: "GET", path: "/orgs/acme/repos", query: { topics: "deprecated", per_page: 100 } })).body;
  const todo = repos.filter((r) => !r.archived);
  await Promise.all(todo.map((r) => api.request({ method: "PATCH", path: `/orgs/acme/repos/${r.name}`, body: { archived: true } })));
  return `Archived ${todo.map((r) => r.name).join(", ")}.`;
}
