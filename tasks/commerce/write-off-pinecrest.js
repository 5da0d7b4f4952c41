async () => {
  const customers = (await api.request({ method: "GET", path: "/customers", query: { name: "Pinecrest Dental" } })).body.data;
  const customer = customers[0];
  const open = (await api.request({ method: "GET", path: "/invoices", query: { customer: customer.id, status: "open", limit: 100 } })).body.data;
  await Promise.all(open.map((i) => api.request({ method: "POST", path: `/invoices/${i.id}/mark_uncollectible` })));
  const total = open.reduce((s, i) => s + i.amount_due - i.amount_paid, 0) / 100;
  return `Marked ${open.length} invoices of ${customer.name} as uncollectible (${open.map((i) => i.number).join(", ")}): $${total.toFixed(2)} written off.`;
}
