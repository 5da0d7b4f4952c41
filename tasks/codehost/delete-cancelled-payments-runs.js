async () => {
  const path = "/orgs/acme/repos/payments-service/actions/runs";
  const get = (page) => api.request({ method: "GET", path, query: { conclusion: "cancelled", per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const old = [first, ...rest].flatMap((r) => r.body).filter((r) => r.created_at < "2026-11-01");
  await Promise.all(old.map((r) => api.request({ method: "DELETE", path: `${path}/${r.id}` })));
  return `Deleted ${old.length} cancelled runs created before November.`;
}
