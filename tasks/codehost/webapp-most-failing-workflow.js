async () => {
  const path = "/orgs/acme/repos/web-app/actions/runs";
  const get = (page) => api.request({ method: "GET", path, query: { conclusion: "failure", per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const counts = {};
  for (const r of [first, ...rest].flatMap((p) => p.body)) if (r.created_at >= "2026-11-01") counts[r.name] = (counts[r.name] || 0) + 1;
  const [name, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return `${name} had the most failed runs in web-app in November: ${n}.`;
}
