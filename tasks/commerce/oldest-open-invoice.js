async () => {
  const all = async (path, query = {}) => {
    const out = [];
    for (let after; ; ) {
      const { body } = await api.request({ method: "GET", path, query: { ...query, limit: 100, ...(after && { starting_after: after }) } });
      out.push(...body.data);
      if (!body.has_more) return out;
      after = body.data[body.data.length - 1].id;
    }
  };
  const open = await all("/invoices", { status: "open" });
  const oldest = open.reduce((a, b) => (a.created <= b.created ? a : b));
  const c = (await api.request({ method: "GET", path: `/customers/${oldest.customer}` })).body;
  await api.request({ method: "POST", path: "/invoiceitems", body: {
    customer: oldest.customer, amount: 2500, currency: "usd", description: `Collections fee: invoice ${oldest.number} outstanding` } });
  return `${oldest.number} for ${c.name}: $${(oldest.amount_due / 100).toFixed(2)} due since ${oldest.due_date || oldest.created}.`;
}
