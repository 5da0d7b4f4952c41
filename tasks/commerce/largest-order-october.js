async () => {
  let best = null;
  for (let after; ; ) {
    const { body } = await api.request({ method: "GET", path: "/orders", query: { limit: 100, ...(after && { starting_after: after }) } });
    for (const o of body.data) if (o.created.startsWith("2026-10") && (!best || o.amount_total > best.amount_total)) best = o;
    if (!body.has_more || body.data[body.data.length - 1].created < "2026-10") break;
    after = body.data[body.data.length - 1].id;
  }
  const c = (await api.request({ method: "GET", path: `/customers/${best.customer}` })).body;
  await api.request({ method: "POST", path: `/customers/${c.id}/balance_transactions`, body: {
    amount: -2500, currency: "usd", description: `Thank you for order ${best.number}` } });
  return `${best.number}: $${(best.amount_total / 100).toFixed(2)}, placed by ${c.name} (${c.email}) on ${best.created.slice(0, 10)}.`;
}
