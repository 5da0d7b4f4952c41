async () => {
  const path = "/orgs/acme/repos/web-app/actions/runs";
  const since = "2026-11-19T12:00:00Z"; // now is 2026-11-20T12:00:00Z
  const failed = [];
  for (let page = 1; ; page++) {
    const query = { head_branch: "main", conclusion: "failure", per_page: 100, page };
    const runs = (await api.request({ method: "GET", path, query })).body;
    failed.push(...runs.filter((r) => r.created_at >= since));
    if (runs.length < 100) break;
  }
  await Promise.all(failed.map((r) => api.request({ method: "POST", path: `${path}/${r.id}/rerun_failed_jobs` })));
  return `Re-ran the failed jobs of ${failed.length} runs on main: ` + failed.map((r) => `${r.name} (${r.created_at})`).join(", ");
}
