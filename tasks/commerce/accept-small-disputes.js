async () => {
  const disputes = [];
  let after;
  for (;;) {
    const page = (await api.request({ method: "GET", path: "/disputes", query: { limit: 100, starting_after: after } })).body;
    disputes.push(...page.data);
    if (!page.has_more) break;
    after = page.data[page.data.length - 1].id;
  }
  const small = disputes.filter((d) => d.amount < 15000 && ["needs_response", "warning_needs_response"].includes(d.status));
  const done = [];
  for (const d of small) {
    const r = await api.request({ method: "POST", path: `/disputes/${d.id}/close` });
    if (r.status === 200) done.push(d);
  }
  const total = done.reduce((s, d) => s + d.amount, 0) / 100;
  return `Accepted ${done.length} disputes (${done.map((d) => d.id).join(", ")}); we give up $${total.toFixed(2)}.`;
}
