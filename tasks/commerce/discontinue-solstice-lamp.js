async () => {
  const p = (await api.request({ method: "GET", path: "/products", query: { name: "Solstice Floor Lamp" } })).body.data[0];
  const prices = (await api.request({ method: "GET", path: "/prices", query: { product: p.id, active: true, limit: 100 } })).body.data;
  await Promise.all([
    api.request({ method: "PATCH", path: `/products/${p.id}`, body: { active: false } }),
    ...prices.map(x => api.request({ method: "PATCH", path: `/prices/${x.id}`, body: { active: false } })),
  ]);
  return `Deactivated the Solstice Floor Lamp and archived its live prices: ${prices.map(x => `$${(x.unit_amount / 100).toFixed(2)}`).join(", ")}.`;
}
