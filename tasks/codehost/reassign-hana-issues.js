async () => {
  const path = "/orgs/acme/repos/web-app/issues";
  const mine = (await api.request({ method: "GET", path, query: { state: "open", assignees: "hana-sato", per_page: 100 } })).body;
  await Promise.all(mine.map((i) => api.request({
    method: "PATCH", path: `${path}/${i.number}`,
    body: { assignees: [...new Set([...i.assignees.filter((a) => a !== "hana-sato"), "jo-park"])] },
  })));
  return `Reassigned ${mine.length} issues to jo-park: ${mine.map((i) => `#${i.number}`).join(", ")}.`;
}
