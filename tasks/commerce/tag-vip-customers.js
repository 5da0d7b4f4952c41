async () => {
  const emails = ["ap@northwind.example", "purchasing@harborpine.example", "owner@maplestreetcafe.example", "hello@sunriseyoga.example"];
  const found = await Promise.all(emails.map(email => api.request({ method: "GET", path: "/customers", query: { email } })));
  const missing = [];
  await Promise.all(emails.map(async (email, i) => {
    const c = found[i].body.data[0];
    if (!c) return missing.push(email);
    await api.request({ method: "PATCH", path: `/customers/${c.id}`, body: { metadata: { ...(c.metadata || {}), segment: "vip" } } });
  }));
  return `Tagged ${emails.length - missing.length} customers as vip. Not a customer: ${missing.join(", ")}.`;
}
