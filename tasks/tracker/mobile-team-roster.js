async () => {
  const team = (await api.request({ method: "GET", path: "/teams", query: { name: "Mobile" } })).body.items[0];
  const [members, users] = await Promise.all([
    api.request({ method: "GET", path: `/teams/${team.id}/members` }).then((r) => r.body.items),
    api.request({ method: "GET", path: "/users", query: { limit: 100 } }).then((r) => r.body.items),
  ]);
  const name = (id) => users.find((u) => u.id === id).name;
  return `Mobile team: ${members.map((m) => name(m.user_id)).join(", ")}; lead: ${name(team.lead_id)}.`;
}
