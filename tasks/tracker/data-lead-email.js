async () => {
  const p = (await api.request({ method: "GET", path: "/projects", query: { name: "Data Pipeline" } })).body.items[0];
  const lead = (await api.request({ method: "GET", path: `/users/${p.lead_id}` })).body;
  return `${lead.name} <${lead.email}>`;
}
