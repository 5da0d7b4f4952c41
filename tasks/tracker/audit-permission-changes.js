async () => {
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const victor = (await api.request({ method: "GET", path: "/users", query: { name: "Victor Huang" } })).body.items[0];
  const entries = [];
  for (let offset = 0; ; ) {
    const page = (await api.request({ method: "GET", path: "/audit-log", query: { actor_id: victor.id, action: "permission.changed", limit: 100, offset } })).body;
    entries.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  const recent = entries.filter((e) => e.created_at >= "2026-08-22T12:00:00Z");
  return `Victor Huang made ${recent.length} permission changes in the last 90 days.`;
}
