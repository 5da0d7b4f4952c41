async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const pay = await project("PAY");
  const base = `/projects/${pay.id}/issues`;
  const keys = ["PAY-101", "PAY-205", "PAY-999", "PAY-333"];
  const found = await Promise.all(keys.map((key) => api.request({ method: "GET", path: base, query: { key } }).then((r) => r.body.items[0])));
  await Promise.all(found.filter(Boolean).map((i) => api.request({ method: "POST", path: `${base}/${i.id}/comments`, body: { body: "Fixed in 2.2.0, please verify" } })));
  const missing = keys.filter((_, k) => !found[k]);
  return `Commented on ${keys.filter((_, k) => found[k]).join(", ")}. Skipped ${missing.join(", ")}: no such issue.`;
}
