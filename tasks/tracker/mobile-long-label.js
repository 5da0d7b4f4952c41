async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const mob = await project("MOB");
  const path = `/projects/${mob.id}/labels`;
  let name = "waiting-on-third-party-vendor-response";
  let res = await api.request({ method: "POST", path, body: { name } });
  if (res.status >= 400) {
    name = "waiting-on-vendor";
    res = await api.request({ method: "POST", path, body: { name } });
  }
  return `Created the label ${name} in Mobile App.`;
}
