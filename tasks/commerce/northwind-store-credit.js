async () => {
  const { body } = await api.request({ method: "GET", path: "/customers", query: { name: "Northwind Traders" } });
  const c = body.data[0];
  return `Northwind Traders has $${(-c.balance / 100).toFixed(2)} of store credit (balance ${c.balance} cents).`;
}
