async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const pay = await project("PAY");
  const base = `/projects/${pay.id}`;
  const issue = (await api.request({ method: "GET", path: `${base}/issues`, query: { key: "PAY-142" } })).body.items[0];
  const [version, scoped] = await Promise.all([
    api.request({ method: "GET", path: `${base}/versions/${issue.fix_version_id}` }).then((r) => r.body),
    all(`${base}/issues`, { fix_version_id: issue.fix_version_id }),
  ]);
  const open = scoped.filter((i) => !["done", "cancelled"].includes(i.status) && i.key !== "PAY-142");
  return `PAY-142 targets ${version.name}; ${open.length} other unfinished issues are still in it.`;
}
