async () => {
  const repos = (await api.request({ method: "GET", path: "/orgs/acme/repos", query: { archived: false, per_page: 100 } })).body;
  const label = { name: "security", color: "d73a4a", description: "Security-related issues" };
  const out = await Promise.all(repos.map(async (r) => {
    const path = `/orgs/acme/repos/${r.name}/labels`;
    const created = await api.request({ method: "POST", path, body: label });
    if (created.status !== 409) return `${r.name}: created`;
    await api.request({ method: "PATCH", path: `${path}/security`, body: { color: label.color, description: label.description } });
    return `${r.name}: updated`;
  }));
  return out.join("\n");
}
