async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const pay = await project("PAY");
  const base = `/projects/${pay.id}`;
  const issue = (await api.request({ method: "GET", path: `${base}/issues`, query: { key: "PAY-371" } })).body.items[0];
  const component = (await api.request({ method: "GET", path: `${base}/components/${issue.component_id}` })).body;
  const lead = (await api.request({ method: "GET", path: `/users/${component.lead_id}` })).body;
  await api.request({ method: "PATCH", path: `${base}/issues/${issue.id}`, body: { assignee_id: lead.id } });
  return `Assigned PAY-371 to ${lead.name}, who leads ${component.name}.`;
}
