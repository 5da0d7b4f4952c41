async () => {
  const zones = (await api.request({ method: "GET", path: "/zones", query: { name: "acme-shop.io" } })).body.result;
  const recs = (await api.request({
    method: "GET", path: `/zones/${zones[0].id}/dns_records`, query: { name: "grafana.acme-shop.io" },
  })).body.result;
  return recs.map((r) => `grafana.acme-shop.io has a ${r.type} record pointing to ${r.content}${r.proxied ? " (proxied)" : ""}`).join("\n");
}
