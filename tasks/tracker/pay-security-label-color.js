async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const pay = await project("PAY");
  await api.request({ method: "PATCH", path: `/projects/${pay.id}/labels/security`, body: { color: "#ff0000" } });
  return "The Payments security label is now #ff0000.";
}
