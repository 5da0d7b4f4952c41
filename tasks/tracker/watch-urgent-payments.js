async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const [pay, users] = await Promise.all([project("PAY"), api.request({ method: "GET", path: "/users", query: { name: "Priya Raman" } })]);
  const priya = users.body.items[0];
  const base = `/projects/${pay.id}/issues`;
  const urgent = (await all(base, { priority: "urgent" })).filter((i) => !["done", "cancelled"].includes(i.status));
  const watching = await Promise.all(urgent.map((i) => api.request({ method: "GET", path: `${base}/${i.id}/watchers`, query: { user_id: priya.id } })));
  const add = urgent.filter((_, k) => watching[k].body.total === 0);
  await Promise.all(add.map((i) => api.request({ method: "POST", path: `${base}/${i.id}/watchers`, body: { user_id: priya.id } })));
  return `Priya now watches ${urgent.map((i) => i.key).join(", ")}.`;
}
