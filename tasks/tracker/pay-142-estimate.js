async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const pay = await project("PAY");
  const issue = (await api.request({ method: "GET", path: `/projects/${pay.id}/issues`, query: { key: "PAY-142" } })).body.items[0];
  const user = (await api.request({ method: "GET", path: `/users/${issue.assignee_id}` })).body;
  return `PAY-142 is estimated at ${issue.story_points} story points and assigned to ${user.name}.`;
}
