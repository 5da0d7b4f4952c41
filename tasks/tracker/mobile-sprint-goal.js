async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const mob = await project("MOB");
  const sprint = (await api.request({ method: "GET", path: `/projects/${mob.id}/sprints`, query: { state: "active" } })).body.items[0];
  return `${sprint.name} (until ${sprint.end_date}): ${sprint.goal}`;
}
