async () => {
  const acme = (await api.request({ method: "GET", path: "/accounts" })).body.result.find(a => a.name === "Acme Corp");
  const ns = `/accounts/${acme.id}/storage/kv/namespaces`;
  const prod = (await api.request({ method: "GET", path: ns, query: { title: "production-config" } })).body.result
    .find(n => n.title === "production-config");
  const [first, created] = await Promise.all([
    api.request({ method: "GET", path: `${ns}/${prod.id}/values`, query: { per_page: 100, page: 1 } }),
    api.request({ method: "POST", path: ns, body: { title: "production-config-staging" } }),
  ]);
  const rest = await Promise.all(Array.from({ length: first.body.result_info.total_pages - 1 }, (_, i) =>
    api.request({ method: "GET", path: `${ns}/${prod.id}/values`, query: { per_page: 100, page: i + 2 } })));
  const keys = first.body.result.concat(...rest.map(r => r.body.result));
  const target = created.body.result.id;
  await Promise.all(keys.map(k => {
    const body = { name: k.name, value: k.name === "config:maintenance" ? "true" : k.value };
    if (k.expiration !== undefined) body.expiration = k.expiration;
    if (k.metadata !== undefined) body.metadata = k.metadata;
    return api.request({ method: "POST", path: `${ns}/${target}/values`, body });
  }));
  return `Created production-config-staging and copied ${keys.length} keys from production-config (config:maintenance set to "true" in the copy).`;
}
