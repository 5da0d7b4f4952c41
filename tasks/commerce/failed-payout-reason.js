async () => {
  const { body } = await api.request({ method: "GET", path: "/payouts", query: { status: "failed", limit: 1 } });
  const p = body.data[0];
  return `The payout ${p.id} of $${(p.amount / 100).toFixed(2)} created ${p.created} failed with ${p.failure_code}; it was going to bank account ${p.destination}.`;
}
