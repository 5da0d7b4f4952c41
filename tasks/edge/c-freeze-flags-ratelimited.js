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
  const namespaces = (await call({ method: "GET", path: `/accounts/${acme.id}/storage/kv/namespaces` })).body.result;
  const ns = namespaces.find(n => n.title === "feature-flags");
  const path = `/accounts/${acme.id}/storage/kv/namespaces/${ns.id}/values`;
  const flags = (await call({ method: "GET", path, query: { per_page: 1000 } })).body.result;
  const switched = [];
  for (const f of flags.filter(f => f.value === "on")) {
    const body = { name: f.name, value: "off" };
    if (f.metadata) body.metadata = f.metadata;
    if (f.expiration) body.expiration = f.expiration;
    const res = await call({ method: "PUT", path: `${path}/${encodeURIComponent(f.name)}`, body });
    if (res.status < 300) switched.push(f.name);
  }
  return `Switched off: ${switched.join(", ")}.`;
}
