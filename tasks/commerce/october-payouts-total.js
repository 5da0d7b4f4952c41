async () => {
  const { body } = await api.request({ method: "GET", path: "/payouts", query: { status: "paid", limit: 100 } });
  const oct = body.data.filter(p => p.arrival_date.startsWith("2026-10"));
  const total = oct.reduce((s, p) => s + p.amount, 0);
  return `${oct.length} payouts arrived in October 2026, $${(total / 100).toFixed(2)} in total.`;
}
