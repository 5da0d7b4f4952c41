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
  const since = "2026-10-21T12:00:00Z"; // 30 days before now
  const recent = (await all("/subscriptions", { status: "canceled" })).filter(s => s.canceled_at >= since);
  const out = await Promise.all(recent.map(async (s, i) => {
    const c = (await api.request({ method: "GET", path: `/customers/${s.customer}` })).body;
    const code = `COMEBACK${String(i + 1).padStart(2, "0")}`;
    await api.request({ method: "POST", path: "/promotion_codes", body: { code, coupon: "WINBACK20", customer: c.id, max_redemptions: 1 } });
    return `${c.email}: ${code}`;
  }));
  return out.join("\n");
}
