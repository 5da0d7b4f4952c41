async () => {
  const c = (await api.request({ method: "GET", path: "/customers", query: { name: "Tessa Lindqvist" } })).body.data[0];
  const ids = (await api.request({ method: "GET", path: `/customers/${c.id}/tax_ids` })).body.data;
  return ids.length ? ids.map(t => `${t.type}: ${t.value} (${t.verification_status})`).join(", ") : "No tax ID on file.";
}
