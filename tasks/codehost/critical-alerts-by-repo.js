async () => {
  const repos = (await api.request({ method: "GET", path: "/orgs/acme/repos", query: { per_page: 100 } })).body;
  const counts = await Promise.all(repos.map((r) => api.request({
    method: "GET", path: `/orgs/acme/repos/${r.name}/dependabot/alerts`, query: { state: "open", severity: "critical", per_page: 100 },
  }).then((res) => [r.name, res.body.length])));
  const total = counts.reduce((s, [, n]) => s + n, 0);
  const ranked = counts.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  await api.request({ method: "POST", path: `/orgs/acme/repos/${ranked[0][0]}/issues`, body: {
    title: "Fix open critical dependency alerts", body: `${ranked[0][1]} critical dependency alerts are open in this repository.`,
  } });
  return `${total} open critical alerts across acme. Most: ${ranked[0][0]} (${ranked[0][1]}). By repo: ` +
    ranked.map(([r, n]) => `${r} ${n}`).join(", ") + ".";
}
