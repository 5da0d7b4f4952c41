async () => {
  const content = "google-site-verification=Xq7pL2mN9vR4tK8sW1yZ3bC6dF0gH5jA";
  // No timers in the sandbox: spin until the Retry-After has passed.
  const wait = (secs) => { const until = Date.now() + secs * 1000; while (Date.now() < until) {} };
  // Send a batch of requests; re-send the ones that got 429 after the Retry-After.
  const batch = async (reqs) => {
    const out = new Array(reqs.length);
    let todo = reqs.map((_, i) => i);
    for (let round = 0; todo.length && round < 8; round++) {
      const res = await Promise.all(todo.map(i => api.request(reqs[i])));
      const again = [];
      let after = 1;
      res.forEach((r, j) => {
        if (r.status === 429) { again.push(todo[j]); after = Math.max(after, Number(r.headers["retry-after"] || 1)); }
        else out[todo[j]] = r;
      });
      todo = again;
      if (todo.length) wait(after);
    }
    return out;
  };
  const [zonesRes] = await batch([{ method: "GET", path: "/zones", query: { per_page: 50 } }]);
  const zones = zonesRes.body.result;
  const existing = await batch(zones.map(z => ({
    method: "GET", path: `/zones/${z.id}/dns_records`, query: { type: "TXT", name: z.name, content },
  })));
  const missing = zones.filter((z, i) => !existing[i].body.result.some(r => r.content === content && r.name === z.name));
  const already = zones.filter(z => !missing.includes(z)).map(z => z.name);
  const created = await batch(missing.map(z => ({
    method: "POST", path: `/zones/${z.id}/dns_records`, body: { type: "TXT", name: z.name, content, ttl: 3600 },
  })));
  const added = missing.filter((z, i) => created[i] && created[i].status < 300).map(z => z.name);
  const failed = missing.filter((z, i) => !created[i] || created[i].status >= 300).map(z => z.name);
  return `Added the verification TXT record to ${added.join(", ")}.` +
    (already.length ? ` Already present (left as is): ${already.join(", ")}.` : "") +
    (failed.length ? ` Failed: ${failed.join(", ")}.` : "");
}
