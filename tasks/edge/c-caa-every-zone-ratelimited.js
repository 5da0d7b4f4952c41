async () => {
  // Send one request; on 429 wait for its Retry-After and send it again.
  const call = async (req) => {
    for (;;) {
      const res = await api.request(req);
      if (res.status !== 429) return res;
      await sleep(Number(res.headers["retry-after"] || 1) * 1000);
    }
  };
  const accounts = (await call({ method: "GET", path: "/accounts" })).body.result;
  const acme = accounts.find(a => a.name === "Acme Corp");
  const zones = (await call({ method: "GET", path: "/zones", query: { account_id: acme.id, per_page: 50 } })).body.result;
  const added = [];
  for (const z of zones) {
    const res = await call({
      method: "POST",
      path: `/zones/${z.id}/dns_records`,
      body: { type: "CAA", name: z.name, content: "0 issue \"letsencrypt.org\"", ttl: 3600 },
    });
    if (res.status < 300) added.push(z.name);
  }
  return `Added the CAA record to ${added.join(", ")}.`;
}
