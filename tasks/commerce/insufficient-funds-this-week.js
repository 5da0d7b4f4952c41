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
  const since = Date.parse("2026-11-13T12:00:00Z"); // 7 days before now
  const hits = (await all("/charges", { status: "failed" }))
    .filter(c => c.failure_code === "insufficient_funds" && Date.parse(c.created) >= since);
  const total = hits.reduce((s, c) => s + c.amount, 0);
  return `${hits.length} payments failed for insufficient funds in the last 7 days, $${(total / 100).toFixed(2)} in total.`;
}
