async () => {
  const path = "/orgs/acme/repos/api-gateway/actions/runs";
  const query = { name: "CI", head_branch: "main", conclusion: "failure", per_page: 100 };
  const get = (page) => api.request({ method: "GET", path, query: { ...query, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const since = "2026-10-21T12:00:00Z"; // the clock reads 2026-11-20T12:00:00Z
  const recent = [first, ...rest].flatMap((r) => r.body).filter((r) => r.created_at >= since);
  await api.request({ method: "POST", path: "/orgs/acme/repos/api-gateway/issues", body: {
    title: "Flaky main branch", body: `${recent.length} CI runs failed on main in the last 30 days.`,
  } });
  return `${recent.length} CI runs failed on api-gateway main in the last 30 days.`;
}
