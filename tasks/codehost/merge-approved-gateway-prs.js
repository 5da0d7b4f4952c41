async () => {
  const path = "/orgs/acme/repos/api-gateway/pulls";
  const open = [];
  for (let page = 1; ; page++) {
    const prs = (await api.request({ method: "GET", path, query: { state: "open", draft: false, per_page: 100, page } })).body;
    open.push(...prs);
    if (prs.length < 100) break;
  }
  const reviews = await Promise.all(open.map((p) =>
    api.request({ method: "GET", path: `${path}/${p.number}/reviews`, query: { per_page: 100 } }).then((r) => r.body)));
  const ready = open.filter((p, i) => reviews[i].some((r) => r.state === "APPROVED")
    && !reviews[i].some((r) => r.state === "CHANGES_REQUESTED"));
  await Promise.all(ready.map((p) => api.request({ method: "POST", path: `${path}/${p.number}/merge` })));
  return `Merged ${ready.length} pull requests: ` + ready.map((p) => `#${p.number} ${p.title}`).join(", ");
}
