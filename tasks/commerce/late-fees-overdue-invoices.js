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
  const cutoff = "2026-10-21"; // due more than 30 days before 2026-11-20
  const overdue = (await all("/invoices", { status: "open" })).filter(i => i.due_date && i.due_date < cutoff);
  await Promise.all(overdue.map(i => api.request({ method: "POST", path: "/invoiceitems", body: {
    customer: i.customer, amount: 1500, currency: "usd", description: `Late fee: invoice ${i.number} overdue since ${i.due_date}` } })));
  return `Added a $15 late fee for ${overdue.map(i => i.number).join(", ")}.`;
}
