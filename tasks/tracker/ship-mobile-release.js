async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const mob = await project("MOB");
  const base = `/projects/${mob.id}`;
  const versions = (await api.request({ method: "GET", path: `${base}/versions`, query: { limit: 100 } })).body.items;
  const shipped = versions.find((v) => v.name === "3.2.0");
  const next = versions.find((v) => v.name === "3.3.0");
  const [, scoped] = await Promise.all([
    api.request({ method: "PATCH", path: `${base}/versions/${shipped.id}`, body: { status: "released", release_date: "2026-11-20" } }),
    all(`${base}/issues`, { fix_version_id: shipped.id }),
  ]);
  const open = scoped.filter((i) => !["done", "cancelled"].includes(i.status));
  await Promise.all(open.map((i) => api.request({ method: "PATCH", path: `${base}/issues/${i.id}`, body: { fix_version_id: next.id } })));
  return `Released 3.2.0 and moved ${open.length} issues to 3.3.0.`;
}
