async () => {
  const path = "/orgs/acme/repos/web-app/branches";
  const branches = (await api.request({ method: "GET", path, query: { per_page: 100 } })).body;
  const stale = branches.filter((b) => !b.protected && b.last_commit_at < "2026-05-20");
  await Promise.all(stale.map((b) => api.request({ method: "DELETE", path: `${path}/${encodeURIComponent(b.name)}` })));
  return `Deleted ${stale.length} branches: ${stale.map((b) => b.name).join(", ")}.`;
}
