async () => {
  const zone = (await api.request({ method: "GET", path: "/zones", query: { name: "example.com" } })).body.result[0];
  const path = `/zones/${zone.id}/dns_records`;
  const first = (await api.request({ method: "GET", path, query: { per_page: 100, page: 1 } })).body;
  const pages = first.result_info.total_pages;
  const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) =>
    api.request({ method: "GET", path, query: { per_page: 100, page: i + 2 } })));
  const all = first.result.concat(...rest.map(r => r.body.result));
  const day = all.filter(r => r.ttl === 86400);
  await Promise.all(day.map(r => api.request({ method: "PATCH", path: `${path}/${r.id}`, body: { ttl: 300 } })));
  return `${day.length} of ${all.length} records in example.com have a 86400s TTL: ${day.map(r => `${r.name} (${r.type})`).join(", ")}.`;
}
