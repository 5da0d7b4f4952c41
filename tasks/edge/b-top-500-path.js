async () => {
  const zone = (await api.request({ method: "GET", path: "/zones", query: { name: "example.com" } })).body.result[0];
  const path = `/zones/${zone.id}/logs/requests`;
  const query = { status: 500, per_page: 1000 };
  const first = (await api.request({ method: "GET", path, query: { ...query, page: 1 } })).body;
  const pages = first.result_info.total_pages;
  const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) =>
    api.request({ method: "GET", path, query: { ...query, page: i + 2 } })));
  const all = first.result.concat(...rest.map(r => r.body.result));
  const counts = {};
  for (const e of all) counts[e.path] = (counts[e.path] || 0) + 1;
  const [top, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return `${top} returned the most 500s: ${n} of the ${all.length} HTTP 500 responses in example.com's log.`;
}
