async () => {
  const content = "google-site-verification=Xq7pL2mN9vR4tK8sW1yZ3bC6dF0gH5jA";
  // No timers in the sandbox: spin until the Retry-After has passed.
  const wait = (secs) => { const until = Date.now() + secs * 1000; while (Date.now() < until) {} };
  let zonesRes;
  for (;;) {
    zonesRes = await api.request({ method: "GET", path: "/zones", query: { per_page: 50 } });
    if (zonesRes.status !== 429) break;
    wait(Number(zonesRes.headers["retry-after"] || 1));
  }
  let pending = zonesRes.body.result;
  const done = [], failed = [];
  for (let round = 0; pending.length && round < 6; round++) {
    const res = await Promise.all(pending.map(z => api.request({
      method: "POST", path: `/zones/${z.id}/dns_records`, body: { type: "TXT", name: z.name, content, ttl: 3600 },
    })));
    const retry = [];
    let after = 1;
    res.forEach((r, i) => {
      if (r.status === 429) { retry.push(pending[i]); after = Math.max(after, Number(r.headers["retry-after"] || 1)); }
      else if (r.status < 300) done.push(pending[i].name);
      else failed.push(`${pending[i].name} (${r.status})`);
    });
    pending = retry;
    if (pending.length) wait(after);
  }
  return `Added the verification TXT record to ${done.join(", ")}.` +
    (failed.length || pending.length ? ` Not added: ${failed.concat(pending.map(z => z.name)).join(", ")}.` : "");
}
