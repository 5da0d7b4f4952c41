async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const [plat, ops] = await Promise.all([project("PLAT"), project("OPS")]);
  const title = "Post-incident: DNS resolution failures affecting Runbooks";
  const [incident] = await Promise.all([
    api.request({ method: "GET", path: `/projects/${ops.id}/issues`, query: { key: "OPS-97" } }).then((r) => r.body.items[0]),
    api.request({ method: "POST", path: `/projects/${plat.id}/issues`, body: { title, type: "task", priority: "high" } }),
  ]);
  await api.request({ method: "POST", path: `/projects/${ops.id}/issues/${incident.id}/comments`, body: { body: `Follow-up filed in Platform: ${title}` } });
  return "Filed the follow-up and noted it on the incident.";
}
