async () => {
  const pay = (await api.request({ method: "GET", path: "/projects", query: { key: "PAY" } })).body.items[0];
  const base = `/projects/${pay.id}`;
  const issue = (await api.request({ method: "GET", path: `${base}/issues`, query: { key: "PAY-371" } })).body.items[0];
  const component = (await api.request({ method: "GET", path: `${base}/components/${issue.component_id}` })).body;
  const lead = (await api.request({ method: "GET", path: `/users/${component.lead_id}` })).body;
  const owner = lead.active ? lead : (await api.request({ method: "GET", path: `/users/${pay.lead_id}` })).body;
  await api.request({ method: "PATCH", path: `${base}/issues/${issue.id}`, body: { assignee_id: owner.id } });
  return lead.active
    ? `Assigned PAY-371 to ${lead.name}, who leads ${component.name}.`
    : `${component.name}'s lead ${lead.name} is no longer active, so PAY-371 went to the Payments lead, ${owner.name}.`;
}
