async () => {
  const repos = (await api.request({ method: "GET", path: "/orgs/acme/repos", query: { per_page: 100 } })).body;
  const lists = await Promise.all(repos.map((r) => api.request({ method: "GET", path: `/orgs/acme/repos/${r.name}/hooks` })
    .then((res) => res.body.map((h) => ({ repo: r.name, hook: h })))));
  const old = lists.flat().filter(({ hook }) => hook.url.includes("old-ci.acme.example") && hook.active);
  await Promise.all(old.map(({ repo, hook }) => api.request({
    method: "PATCH", path: `/orgs/acme/repos/${repo}/hooks/${hook.id}`, body: { active: false },
  })));
  return `Deactivated ${old.length} webhooks pointing at old-ci.acme.example: ${old.map((o) => o.repo).join(", ")}.`;
}
