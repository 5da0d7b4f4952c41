async () => {
  const c = (await api.request({ method: "GET", path: "/customers", query: { name: "Northwind Traders" } })).body.data[0];
  const order = (await api.request({ method: "GET", path: "/orders", query: { customer: c.id, limit: 1 } })).body.data[0];
  await api.request({ method: "POST", path: `/customers/${c.id}/balance_transactions`, body: {
    amount: -2000, currency: "usd", description: `Goodwill credit: late delivery of order ${order.number}` } });
  return `Credited Northwind Traders $20 for the late order ${order.number}.`;
}
