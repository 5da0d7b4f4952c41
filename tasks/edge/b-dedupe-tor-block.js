async () => {
  const ip = "185.220.101.4";
  const accts = (await api.request({ method: "GET", path: "/accounts" })).body.result;
  const acme = accts.find(a => a.name === "Acme Corp");
  const [zonesRes, acctRules] = await Promise.all([
    api.request({ method: "GET", path: "/zones", query: { per_page: 50 } }),
    api.request({ method: "GET", path: `/accounts/${acme.id}/firewall/access_rules/rules`, query: { value: ip } }),
  ]);
  if (!acctRules.body.result.some(r => r.mode === "block")) return "Acme Corp has no account-level block for " + ip + "; nothing removed.";
  const zones = zonesRes.body.result.filter(z => z.account_id === acme.id);
  const rules = await Promise.all(zones.map(z =>
    api.request({ method: "GET", path: `/zones/${z.id}/firewall/access_rules/rules`, query: { value: ip } })));
  const dels = [];
  const cleaned = [];
  zones.forEach((z, i) => {
    const rs = rules[i].body.result.filter(r => r.value === ip);
    if (rs.length) cleaned.push(z.name);
    for (const r of rs) dels.push(api.request({ method: "DELETE", path: `/zones/${z.id}/firewall/access_rules/rules/${r.id}` }));
  });
  await Promise.all(dels);
  return `Removed the zone-level rules for ${ip} on: ${cleaned.join(", ")}.`;
}
