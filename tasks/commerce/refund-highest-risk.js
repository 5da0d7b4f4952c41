async () => {
  const since = Date.parse("2026-10-21T12:00:00Z"); // 30 days before now
  const risky = [];
  for (let after; ; ) {
    const { body } = await api.request({ method: "GET", path: "/charges", query: { status: "succeeded", limit: 100, ...(after && { starting_after: after }) } });
    const recent = body.data.filter(c => Date.parse(c.created) >= since);
    risky.push(...recent.filter(c => c.risk_level === "highest" && c.amount_refunded === 0 && !c.disputed));
    if (!body.has_more || recent.length < body.data.length) break;
    after = body.data[body.data.length - 1].id;
  }
  await Promise.all(risky.map(c => api.request({ method: "POST", path: "/refunds", body: { charge: c.id, reason: "fraudulent" } })));
  const total = risky.reduce((s, c) => s + c.amount, 0);
  return `Refunded ${risky.length} charges as fraudulent, $${(total / 100).toFixed(2)} in total: ${risky.map(c => c.id).join(", ")}.`;
}
