async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const pay = await project("PAY");
  const page = (await api.request({ method: "GET", path: `/projects/${pay.id}/issues`, query: { type: "bug", limit: 1 } })).body;
  return `${page.total} bugs have been filed in Payments.`;
}
