async () => {
  const path = "/orgs/acme/repos/web-app/pulls";
  const drafts = (await api.request({ method: "GET", path, query: { state: "open", draft: true, per_page: 100 } })).body;
  const stale = drafts.filter((p) => p.updated_at < "2026-09-01");
  await Promise.all(stale.map((p) => api.request({ method: "PATCH", path: `${path}/${p.number}`, body: { state: "closed" } })));
  return `Closed ${stale.length} stale draft pull requests: ${stale.map((p) => `#${p.number}`).join(", ")}.`;
}
