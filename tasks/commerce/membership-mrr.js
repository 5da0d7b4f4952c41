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
  const [subs, plans] = await Promise.all([all("/subscriptions", { status: "active" }), all("/prices", { type: "recurring" })]);
  const price = Object.fromEntries(plans.map(p => [p.id, p]));
  const cents = subs.reduce((sum, s) => {
    const p = price[s.price];
    const monthly = p.recurring_interval === "year" ? p.unit_amount / 12 : p.unit_amount;
    return sum + monthly * (s.quantity || 1);
  }, 0);
  return `MRR from ${subs.length} active memberships: $${(cents / 100).toFixed(2)}.`;
}
