async () => {
  let total = 0, n = 0;
  for (let after; ; ) {
    const { body } = await api.request({ method: "GET", path: "/refunds", query: { limit: 100, ...(after && { starting_after: after }) } });
    for (const r of body.data) if (r.created.startsWith("2026-10")) { total += r.amount; n++; }
    if (!body.has_more || body.data[body.data.length - 1].created < "2026-10") break;
    after = body.data[body.data.length - 1].id;
  }
  return `${n} refunds in October 2026, $${(total / 100).toFixed(2)} in total.`;
}
