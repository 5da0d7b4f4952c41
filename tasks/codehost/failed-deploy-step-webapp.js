async () => {
  const base = "/orgs/acme/repos/web-app/actions";
  const [run] = (await api.request({
    method: "GET", path: `${base}/runs`,
    query: { name: "Deploy", head_branch: "main", order: "created_at", direction: "desc", per_page: 1 },
  })).body;
  const jobs = (await api.request({ method: "GET", path: `${base}/jobs`, query: { run_id: run.id } })).body;
  const bad = jobs.find((j) => j.conclusion === "failure");
  const issue = (await api.request({ method: "POST", path: "/orgs/acme/repos/web-app/issues", body: {
    title: `Deploy failed on main: job ${bad.name}, step "${bad.failed_step}"`,
    body: `Deploy run #${run.run_number} (${run.created_at}) failed in job ${bad.name} at step "${bad.failed_step}".`,
  } })).body;
  return `Deploy run #${run.run_number} (${run.created_at}, ${run.conclusion}) failed in job "${bad.name}" at step "${bad.failed_step}". Opened #${issue.number} for it.`;
}
