async () => {
  const c = (await api.request({ method: "GET", path: "/customers", query: { name: "Brightline Studio" } })).body.data[0];
  const [subs, yearly] = await Promise.all([
    api.request({ method: "GET", path: "/subscriptions", query: { customer: c.id, status: "active" } }),
    api.request({ method: "GET", path: "/prices", query: { lookup_key: "pro_yearly", active: true } }),
  ]);
  const sub = subs.body.data[0];
  await api.request({ method: "PATCH", path: `/subscriptions/${sub.id}`, body: { price: yearly.body.data[0].id } });
  const y = yearly.body.data[0];
  return `Brightline Studio is now on Pro yearly with ${sub.quantity} seats: $${(y.unit_amount * sub.quantity / 100).toFixed(2)} a year.`;
}
