async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const ops = await project("OPS");
  const base = `/projects/${ops.id}/issues`;
  const issue = (await api.request({ method: "GET", path: base, query: { key: "OPS-31" } })).body.items[0];
  const reporter = (await api.request({ method: "GET", path: `/users/${issue.reporter_id}` })).body;
  await api.request({ method: "POST", path: `${base}/${issue.id}/comments`, body: { body: `Hi ${reporter.name}, could you confirm the fix works for you?` } });
  return `Asked ${reporter.name}, who reported OPS-31.`;
}
