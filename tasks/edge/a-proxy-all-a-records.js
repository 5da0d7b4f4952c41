async () => {
  const zone = (await api.request({ method: "GET", path: "/zones", query: { name: "acme-shop.io" } })).body.result[0];
  const path = `/zones/${zone.id}/dns_records`;
  const first = (await api.request({ method: "GET", path, query: { type: "A", proxied: false, per_page: 1000 } })).body;
  const rest = await Promise.all(Array.from({ length: first.result_info.total_pages - 1 }, (_, i) =>
    api.request({ method: "GET", path, query: { type: "A", proxied: false, per_page: 1000, page: i + 2 } }).then((r) => r.body)));
  const recs = [first, ...rest].flatMap((p) => p.result).filter((r) => r.type === "A" && !r.proxied);
  await Promise.all(recs.map((r) => api.request({ method: "PATCH", path: `${path}/${r.id}`, body: { proxied: true } })));
  return `Turned on the proxy for ${recs.length} A records on acme-shop.io: ${recs.map((r) => r.name).join(", ")}.`;
}
