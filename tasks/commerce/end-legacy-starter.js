async () => {
  const price = (await api.request({ method: "GET", path: "/prices", query: { lookup_key: "starter_2023_monthly" } })).body.data[0];
  const subs = (await api.request({ method: "GET", path: "/subscriptions", query: { price: price.id, limit: 100 } })).body.data;
  const todo = subs.filter(s => s.status !== "canceled" && !s.cancel_at_period_end);
  await Promise.all(todo.map(s => api.request({ method: "PATCH", path: `/subscriptions/${s.id}`, body: { cancel_at_period_end: true } })));
  return `${todo.length} subscriptions were still set to renew on Starter 2023; they now cancel at period end.`;
}
