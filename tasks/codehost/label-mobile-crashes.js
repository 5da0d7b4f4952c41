async () => {
  const path = "/orgs/acme/repos/mobile-app/issues";
  const open = (await api.request({ method: "GET", path, query: { state: "open", per_page: 100 } })).body;
  const crashes = open.filter((i) => /crash/i.test(i.title) && !i.labels.includes("crash"));
  await Promise.all(crashes.map((i) => api.request({
    method: "PATCH", path: `${path}/${i.number}`, body: { labels: [...i.labels, "crash"] },
  })));
  return `Labelled ${crashes.length} open crash reports: ${crashes.map((i) => `#${i.number}`).join(", ")}.`;
}
