async () => {
  const base = "/orgs/acme/repos/web-app";
  const ms = (await api.request({ method: "GET", path: `${base}/milestones`, query: { per_page: 100 } })).body.find((m) => m.title === "v2.5");
  const issues = (await api.request({ method: "GET", path: `${base}/issues`, query: { milestone: ms.number, state: "closed", per_page: 100 } })).body;
  const body = "## What's changed\n" + issues.map((i) => `- ${i.title} (#${i.number})`).join("\n");
  const [rel] = await Promise.all([
    api.request({ method: "POST", path: `${base}/releases`, body: { tag_name: "v2.5.0", target_commitish: "main", name: "v2.5.0", body } }),
    api.request({ method: "PATCH", path: `${base}/milestones/${ms.number}`, body: { state: "closed" } }),
  ]);
  return `Published ${rel.body.tag_name} with ${issues.length} issues in the notes and closed milestone v2.5.`;
}
