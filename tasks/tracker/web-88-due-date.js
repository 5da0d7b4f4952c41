async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const web = await project("WEB");
  const issue = (await api.request({ method: "GET", path: `/projects/${web.id}/issues`, query: { key: "WEB-88" } })).body.items[0];
  await api.request({ method: "PATCH", path: `/projects/${web.id}/issues/${issue.id}`, body: { due_date: "2026-12-05" } });
  return "WEB-88 is now due on 2026-12-05.";
}
