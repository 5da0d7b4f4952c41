async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const web = await project("WEB");
  const names = ["old-ui", "ie11", "legacy-checkout", "flash-banner"];
  const res = await Promise.all(names.map((n) => api.request({ method: "DELETE", path: `/projects/${web.id}/labels/${n}` })));
  const gone = names.filter((_, k) => res[k].status === 404);
  const deleted = names.filter((_, k) => res[k].status < 300);
  return `Deleted ${deleted.join(", ")}. Already gone: ${gone.join(", ")}.`;
}
