async () => {
  const people = (await api.request({ method: "GET", path: "/customers", query: { name: "Dana Whitfield" } })).body.data;
  const charges = (await Promise.all(people.map(p =>
    api.request({ method: "GET", path: "/charges", query: { customer: p.id, disputed: true } })))).flatMap(r => r.body.data);
  const disputes = (await Promise.all(charges.map(c =>
    api.request({ method: "GET", path: "/disputes", query: { charge: c.id } })))).flatMap(r => r.body.data);
  return disputes.map(d => `Dispute ${d.id}: $${(d.amount / 100).toFixed(2)} disputed, reason ${d.reason}, status ${d.status}, respond by ${d.evidence_due_by.slice(0, 10)}.`).join("\n");
}
