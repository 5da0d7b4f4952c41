async () => {
  const repos = (await api.request({ method: "GET", path: "/orgs/acme/repos", query: { per_page: 100 } })).body;
  const latest = await Promise.all(repos.map((r) => api.request({
    method: "GET", path: `/orgs/acme/repos/${r.name}/actions/runs`,
    query: { name: "CI", head_branch: "main", status: "completed", order: "created_at", direction: "desc", per_page: 1 },
  }).then((x) => ({ repo: r.name, run: x.body[0] }))));
  const red = latest.filter((l) => l.run && l.run.conclusion === "failure");
  const done = await Promise.all(red.map(async ({ repo, run }) => {
    const commit = (await api.request({ method: "GET", path: `/orgs/acme/repos/${repo}/commits/${run.head_sha}` })).body;
    await api.request({
      method: "POST", path: `/orgs/acme/repos/${repo}/issues`,
      body: { title: "CI is failing on main", body: `CI run #${run.run_number} failed on ${run.head_sha}.`, assignees: [commit.author] },
    });
    return `${repo} (assigned to ${commit.author})`;
  }));
  return `Opened "CI is failing on main" in ${done.join(", ")}.`;
}
