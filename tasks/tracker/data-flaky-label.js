async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const data = await project("DATA");
  const path = `/projects/${data.id}/labels`;
  const created = await api.request({ method: "POST", path, body: { name: "flaky-test", color: "#e4e669" } });
  if (created.status === 409) {
    await api.request({ method: "PATCH", path: `${path}/flaky-test`, body: { color: "#e4e669" } });
    return "flaky-test already existed in Data Pipeline; it is now #e4e669.";
  }
  return "Created flaky-test (#e4e669) in Data Pipeline.";
}
