async () => {
  const charges = [];
  for (let after; ; ) {
    const { body } = await api.request({ method: "GET", path: "/charges", query: { status: "succeeded", limit: 100, ...(after && { starting_after: after }) } });
    charges.push(...body.data.filter(c => c.created >= "2026"));
    if (!body.has_more || body.data[body.data.length - 1].created < "2026") break;
    after = body.data[body.data.length - 1].id;
  }
  const net = {};
  for (const c of charges) net[c.customer] = (net[c.customer] || 0) + c.amount - c.amount_refunded;
  const top = Object.entries(net).sort((a, b) => b[1] - a[1]).slice(0, 3);
  const people = await Promise.all(top.map(([id]) => api.request({ method: "GET", path: `/customers/${id}` })));
  await Promise.all(top.map(([id]) => api.request({ method: "POST", path: `/customers/${id}/balance_transactions`, body: {
    amount: -5000, currency: "usd", description: "Thank-you credit for being a top customer in 2026" } })));
  return top.map(([, cents], i) => `${i + 1}. ${people[i].body.name}: $${(cents / 100).toFixed(2)}`).join("\n");
}
