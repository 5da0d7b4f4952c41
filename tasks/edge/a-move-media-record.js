async () => {
  const zone = (await api.request({ method: "GET", path: "/zones", query: { name: "acme-shop.io" } })).body.result[0];
  const recs = (await api.request({
    method: "GET", path: `/zones/${zone.id}/dns_records`, query: { name: "media.acme-shop.io", type: "A" },
  })).body.result;
  const rec = recs[0];
  const r = await api.request({
    method: "PATCH", path: `/zones/${zone.id}/dns_records/${rec.id}`,
    body: { content: "203.0.113.50", proxied: true },
  });
  return `media.acme-shop.io now points to ${r.body.result.content} and is proxied (was ${rec.content}, not proxied).`;
}
