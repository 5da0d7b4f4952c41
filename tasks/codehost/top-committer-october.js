async () => {
  const path = "/orgs/acme/repos/api-gateway/commits";
  const get = (page) => api.request({ method: "GET", path, query: { branch: "main", per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const counts = {};
  for (const c of [first, ...rest].flatMap((r) => r.body)) if (c.committed_at.startsWith("2026-10")) counts[c.author] = (counts[c.author] || 0) + 1;
  const [who, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return `${who} made the most commits to api-gateway main in October 2026: ${n}.`;
}
