async () => {
  const acme = (await api.request({ method: "GET", path: "/accounts" })).body.result.find(a => a.name === "Acme Corp");
  const path = `/accounts/${acme.id}/members`;
  const first = (await api.request({ method: "GET", path, query: { per_page: 50, page: 1 } })).body;
  const rest = await Promise.all(Array.from({ length: first.result_info.total_pages - 1 }, (_, i) =>
    api.request({ method: "GET", path, query: { per_page: 50, page: i + 2 } })));
  const members = first.result.concat(...rest.map(r => r.body.result));
  const analytics = members.filter(m => (m.roles || []).includes("analytics_read"));
  const no2fa = members.filter(m => m.status === "accepted" && !m.two_factor_enabled);
  return `${analytics.length} members have analytics read access (${analytics.map(m => m.email).join(", ")}). ` +
    `Accepted members without 2FA: ${no2fa.map(m => m.email).join(", ")}.`;
}
