async () => {
  const leavers = ["dara.okafor@acme.example", "jo.park@acme.example", "max.weber@acme.example", "gus.moreau@acme.example"];
  const acme = (await api.request({ method: "GET", path: "/accounts" })).body.result.find(a => a.name === "Acme Corp");
  const path = `/accounts/${acme.id}/members`;
  const found = await Promise.all(leavers.map(email => api.request({ method: "GET", path, query: { email } })));
  const removed = [], missing = [];
  const dels = [];
  leavers.forEach((email, i) => {
    const m = (found[i].body.result || []).find(x => x.email === email);
    if (!m) { missing.push(email); return; }
    removed.push(email);
    dels.push(api.request({ method: "DELETE", path: `${path}/${m.id}` }));
  });
  const res = await Promise.all(dels);
  const failed = res.filter(r => r.status >= 400 && r.status !== 404).length;
  return `Removed ${removed.join(", ")} from Acme Corp.` +
    (missing.length ? ` Skipped ${missing.join(", ")}: not a member of the account.` : "") +
    (failed ? ` ${failed} deletion(s) failed.` : "");
}
