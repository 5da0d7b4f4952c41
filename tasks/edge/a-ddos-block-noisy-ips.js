async () => {
  const zones = (await api.request({ method: "GET", path: "/zones", query: { name: "example.com" } })).body;
  const zone = zones.result[0];
  const path = `/zones/${zone.id}/logs/requests`;
  const get = (page) => api.request({ method: "GET", path, query: { per_page: 1000, page } }).then((r) => r.body);
  const first = await get(1);
  const total = first.result_info.total_pages;
  const rest = await Promise.all(Array.from({ length: total - 1 }, (_, i) => get(i + 2)));
  const cutoff = Date.parse("2026-11-20T11:00:00Z"); // now is 2026-11-20T12:00:00Z
  const counts = {};
  for (const p of [first, ...rest]) for (const e of p.result) {
    if (Date.parse(e.datetime) >= cutoff) counts[e.client_ip] = (counts[e.client_ip] || 0) + 1;
  }
  const noisy = Object.entries(counts).filter(([, n]) => n > 1000).sort((a, b) => b[1] - a[1]);
  await Promise.all(noisy.map(([ip, n]) => api.request({
    method: "POST", path: `/zones/${zone.id}/firewall/access_rules/rules`,
    body: { mode: "block", target: "ip", value: ip, notes: `DDoS: ${n} requests in the last hour` },
  })));
  return `Blocked ${noisy.length} IPs on example.com: ` + noisy.map(([ip, n]) => `${ip} (${n} requests)`).join(", ");
}
