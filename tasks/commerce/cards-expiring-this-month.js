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
  const expiring = (await all("/payment_methods", { type: "card" }))
    .filter(p => p.card_exp_year === 2026 && p.card_exp_month === 11);
  return `${expiring.length} cards expire in November 2026: ` + expiring.map(p => p.billing_email).join(", ");
}
